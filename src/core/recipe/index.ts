/**
 * Recipe: the plain-JSON preprocessing spec, fitted on training rows only, applied to any table.
 * `proposeRecipe` → edit → `fitRecipe(table, recipe, split.train)` → `transformRecipe(fitted, table, rows)`.
 * The page imports `./parse` on its own, so arquero (the derive step's expression compiler) loads only in workers.
 */
export type {
  Task, Step, DropStep, ImputeStep, ScaleStep, EncodeStep, DatetimeStep, DatePart, PowerStep, ClipStep, DeriveStep, TextStep,
  DeduplicateStep, FilterStep, FilterOp, RowStep, ColumnStep,
  SplitSpec, Recipe, TargetRule, TargetRuleOp, FittedStep, FittedRecipe, InputColumn, Transformed, SparseMatrix,
} from './types';
export { RecipeError } from './errors';
export { fitRecipe, transformRecipe } from './fit';
export { inferTask, targetLabels, MAX_INTEGER_CLASSES, type TaskInference } from './task';
export { splitRows, kFolds, foldGroups, describeSplit, resolveFolds, AUTO_CV_ROWS, type Split } from './split';
export { timeFolds } from './timeFolds';
export { suggestGroupColumn, type GroupSuggestion } from './groupColumn';
export { suggestTimeSplit, type TimeSuggestion } from './timeSplit';
export { groupTestPositions } from './groupSplit';
export { proposeRecipe, LOG_SKEW, type ProfileLike } from './propose';
export { parseRecipe } from './parse';
export { toProfileLike } from './profileLike';
export { validateDerive, yeoJohnson, fitYeoJohnson, type DeriveCheck } from './steps';
export { subsetRows } from './frame';
export { featureGroups } from './featureGroups';
export { withColumnDropped } from './dropColumn';
export { booleanFeatureWords, featureWords, isWaveFeature } from './featureWords';
export { forTrees, type TreeAdaptation } from './forTrees';
export { recipeService, type RecipeProposal } from './recipeService';
export { withTargetRule } from './targetRule';
export type { MatrixPreview, PreviewOptions } from './preview';
