import { recipeService } from '../src/core/recipe';
import { exposeService } from '../src/core/thread';

const service = recipeService();

export type RecipeApi = typeof service;
exposeService(service);
