import type { DriftProfile } from '../deploy';
import type { SplitSpec } from '../recipe';

/** How a run split its training file: enough to rebuild its training and held-out rows exactly. */
export interface SplitRecord {
  spec: SplitSpec;
  /** `sha256:<hex>` of the training file's bytes: the split only means something on this file. */
  dataFingerprint: string;
  /** Rows of that file. */
  dataRows: number;
  /** Rows the model trained on, to check a rebuilt split against; null where it was not recorded. */
  trainRows: number | null;
}

/** The parts of a run record that older versions of the studio did not keep. */
export type TrainingPart = 'split' | 'profile' | 'baselineMetrics' | 'result';

/** A part a run or version lacks, with the sentence that tells a person what that means for them. */
export interface MissingPart {
  part: TrainingPart;
  reason: string;
}

/**
 * What a run keeps about how it was trained, beyond its recipe, spec and metrics: the split (for
 * comparisons on rows no model trained on), the training profile (for drift), the baseline's
 * metrics (for the model card) and the experiment result itself, kept whole (explanations, slices
 * and any later additions ride along).
 */
export interface RunTraining {
  format: 1;
  /** Null when the model trained on every row of its file (it was tested on a separate file), or when `missing` says so. */
  split: SplitRecord | null;
  profile: DriftProfile | null;
  baselineMetrics: Record<string, number> | null;
  /** The experiment result without the model's weights (those are the run's files). */
  result: Record<string, unknown> | null;
  missing: MissingPart[];
}

/** Current format of `RunTraining`. */
export const RUN_TRAINING_FORMAT = 1;

/** What a person is told for each part an old record lacks. */
const MISSING_REASONS: Record<TrainingPart, string> = {
  split: 'This version was registered before splits were saved, and its split cannot be rebuilt from what was stored (its recipe or its training data record is gone), so no one can tell which rows it trained on: comparisons use a file you pick.',
  profile: 'This version was registered before training profiles were saved: drift cannot be measured against its training data. Register a new run of it to get drift.',
  baselineMetrics: "This version was registered before baseline metrics were saved: its model card's baseline column is empty. Register a new run of it to fill it.",
  result: 'This version was registered before whole results were saved: its explanations are not stored with it.',
};

const isSplitSpec = (v: unknown): v is SplitSpec => {
  const s = v as Partial<SplitSpec> | null;
  return !!s && typeof s === 'object' && typeof s.method === 'string' && typeof s.testFraction === 'number' && typeof s.seed === 'number';
};

/**
 * The training record of a run saved before records had one: the split is rebuilt from the stored
 * recipe and the training file's fingerprint, when both are there; the rest is named as missing.
 */
export function legacyTraining(recipe: unknown, data: { fingerprint: string; rows: number } | null, profile: DriftProfile | null = null): RunTraining {
  const spec = (recipe as { split?: unknown } | null)?.split;
  const split = isSplitSpec(spec) && data ? { spec, dataFingerprint: `sha256:${data.fingerprint}`, dataRows: data.rows, trainRows: null } : null;
  const parts: TrainingPart[] = [...(split ? [] : ['split' as const]), ...(profile ? [] : ['profile' as const]), 'baselineMetrics', 'result'];
  return { format: RUN_TRAINING_FORMAT, split, profile, baselineMetrics: null, result: null, missing: parts.map((part) => ({ part, reason: MISSING_REASONS[part] })) };
}

/** The sentence for `part` when a record lacks it, else null. */
export function missingReason(missing: readonly MissingPart[], part: TrainingPart): string | null {
  return missing.find((m) => m.part === part)?.reason ?? null;
}

/** The parts of an experiment result `runTrainingOf` reads; the rest is kept as it is. */
export interface TrainedResult {
  recipe: { split: SplitSpec };
  rows: { train: number };
  baselineMetrics: Record<string, number>;
  model?: unknown;
}

/** JSON-safe copy: NaN and ±Infinity become null, as in any exported file. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

/** The split record of a run trained on `data` (a file with that fingerprint and row count). */
export function splitRecordOf(result: TrainedResult, data: { fingerprint: string; rows: number }): SplitRecord {
  const fingerprint = data.fingerprint.startsWith('sha256:') ? data.fingerprint : `sha256:${data.fingerprint}`;
  return { spec: plain(result.recipe.split), dataFingerprint: fingerprint, dataRows: data.rows, trainRows: result.rows.train };
}

/**
 * The training record of a run that just finished. `data` is its training file; `testedOnFile`
 * says it was evaluated on a separate file, so it trained on every row; `profile` is the drift
 * profile of its inputs, or null when the data had not been profiled.
 */
export function runTrainingOf(result: TrainedResult, data: { fingerprint: string; rows: number }, profile: DriftProfile | null, testedOnFile = false): RunTraining {
  const { model: _weights, ...kept } = result;
  return {
    format: RUN_TRAINING_FORMAT,
    split: testedOnFile ? null : splitRecordOf(result, data),
    profile: profile && plain(profile),
    baselineMetrics: plain(result.baselineMetrics),
    result: plain(kept) as Record<string, unknown>,
    missing: profile ? [] : [{ part: 'profile', reason: 'The data had not been profiled when this model trained: drift cannot be measured against its training data.' }],
  };
}
