/**
 * Models: the registry of model kinds (meta + train), prediction, TF.js backend choice,
 * experiments (split → recipe → train → evaluate), cross-validation and random search.
 * The page imports `./catalog` (the TF.js-free part, re-exported here) instead, so TF.js loads only in workers.
 */
export * from './catalog';
export { batchRows } from './mlp/meta';
export type { ModelExplanation } from './explainModel';
export type { DependenceCurve, ExplainedRow } from './explain/types';
export { trainModel } from './registry';
export { resolveOptions, type ModelMeta, type OptionMeta } from './options';
export { predict, predictAsync, disposeModel } from './predict';
export { useBackend, type BackendName } from './backend';
export { layersFiles, loadLayersFiles, type LayersFiles } from './artifacts';
export { runExperiment, crossValidate, evaluateModel, toTrainData, type ExperimentResult, type ExperimentOptions, type CvSummary } from './experiment';
export { modelImportance, type ExplainOptions } from './explain';
export { randomSearch, type SearchOptions, type LeaderboardEntry } from './search';
export { learningRateAt, type Schedule } from './network/schedule';
export { checkpointBuffers, type Checkpoint } from './network/checkpoint';
export { TrainingError } from './types';
export { waitWhilePaused } from './pause';
export type { ModelKind, ModelSpec, OptionValue, TrainData, EpochLog, TrainHooks, Trained, BaselineModel, TrainResult } from './types';
export { BACKENDS, BACKEND_LABELS, chooseBackend, nextBackend, msPerStep, isSoftwareAdapter, type BackendCandidate, type ProbeResult } from './backendProbe';
export { choiceWithoutMeasuring, contenders, deviceSignature, probeKey, recalled, type ProbeShape } from './probeMemory';
export { startWatchdog, DEFAULT_STALL_MS } from './trainWatchdog';
export { planRecovery, TrainingStoppedError, type Recovery, type FailedAttempt, type RecoveryContext } from './trainRecovery';
export type { Tree, TreeEnsemble } from './trees/types';
export { predictTrees, rawScores } from './trees/predictTrees';
