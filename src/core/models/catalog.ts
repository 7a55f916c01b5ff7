/**
 * The TF.js-free part of `models`: what kinds exist and their options, backend choice, the stall
 * watchdog and recovery planning. The page imports this entry so TF.js (megabytes of script) loads only
 * in the workers that train and score; workers and Node use the full index.
 */
import type { Task } from '../recipe';
import { baselineMeta } from './baseline/meta';
import { linearMeta } from './linear/meta';
import { logisticMeta } from './logistic/meta';
import { mlpMeta } from './mlp/meta';
import { forestMeta, gbdtMeta } from './trees/meta';
import type { ModelMeta } from './options';
import type { ModelKind } from './types';

/** Every model kind with its metadata, in the order the UI lists them. */
export const MODELS: Record<ModelKind, ModelMeta> = {
  baseline: baselineMeta,
  linear: linearMeta,
  logistic: logisticMeta,
  mlp: mlpMeta,
  gbdt: gbdtMeta,
  forest: forestMeta,
};

export function modelsForTask(task: Task): ModelMeta[] {
  return Object.values(MODELS).filter((m) => m.tasks.includes(task));
}

/** Trial order: gradient boosting (the usual winner on tables), then the quick linear models, the forest and the MLP. */
const SEARCH_ORDER: ModelKind[] = ['gbdt', 'linear', 'logistic', 'forest', 'mlp'];

/** Kinds a search tries for a task, in SEARCH_ORDER (the CLI's --model auto, and the studio's Search by default). */
export function searchKinds(task: Task): ModelKind[] {
  const kinds: ModelKind[] = modelsForTask(task).map((m) => m.kind).filter((k) => k !== 'baseline');
  return [...SEARCH_ORDER.filter((k) => kinds.includes(k)), ...kinds.filter((k) => !SEARCH_ORDER.includes(k))];
}

export { resolveOptions, type ModelMeta, type OptionMeta } from './options';
export { TrainingError } from './types';
export type { ModelKind, ModelSpec, OptionValue, EpochLog, TrainResult } from './types';
export type { BackendName } from './backend';
export type { LeaderboardEntry } from './search';
export { BACKENDS, BACKEND_LABELS, chooseBackend, nextBackend, msPerStep, isSoftwareAdapter, type BackendCandidate, type ProbeResult } from './backendProbe';
export { startWatchdog, stallBaseMs, DEFAULT_STALL_MS, STALL_GAP_FACTOR, STALL_MS_PER_ROW, type StallLimit } from './trainWatchdog';
export { planRecovery, TrainingStoppedError, type Recovery, type FailedAttempt, type RecoveryContext } from './trainRecovery';
export { learningRateAt, type Schedule } from './network/schedule';
export type { Tree, TreeEnsemble } from './trees/types';
export { predictTrees, rawScores } from './trees/predictTrees';
export { DEFAULT_KIND, DEFAULT_SEED, defaultSpec } from './defaultSpec';
export { isTreeKind, stepNoun, maxSteps, backendWords, KIND_REASONS, willTrainSentence, choiceLabel, treeRecipeChanges, type TreeKind } from './kindWords';
export { kindLabel, recordedBackendWords, optionLabel, settingLabel } from './recordWords';
