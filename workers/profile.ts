import { expose } from 'comlink';
import { profileApi } from './profileApi';

export type { ProfileApi } from './profileApi';
expose(profileApi);
