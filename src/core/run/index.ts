/**
 * A run's record of how it was trained (split, training profile for drift, baseline metrics, the
 * whole result), shared by the studio's registry, the comparison and the model card.
 */
export {
  legacyTraining,
  missingReason,
  runTrainingOf,
  splitRecordOf,
  RUN_TRAINING_FORMAT,
  type MissingPart,
  type RunTraining,
  type SplitRecord,
  type TrainedResult,
  type TrainingPart,
} from './runTraining';
export { splitWords } from './splitWords';
export { storedSummaries } from './storedSummaries';
export { readRunFile, type RunFile } from './readRunFile';
export { writeRunFile, type RunData, type RunFileInput } from './writeRunFile';
export { modelOfStudioFiles, type RunModel } from './runModel';
export { RunFileError } from './runFileError';
