import { legacyTraining, type RunTraining } from '../core/run';
import type { DatasetRecord, RunRecord } from './records';

/**
 * A run's training record: the one it was saved with, or for a run saved before records had one,
 * the part that can be rebuilt (the split, from its recipe and its dataset's fingerprint) with the
 * rest named as missing. Registration, the schema upgrade and workspace import all use this.
 */
export function trainingOf(run: RunRecord | undefined, dataset: DatasetRecord | undefined): RunTraining {
  return run?.training ?? legacyTraining(run?.recipe ?? null, dataset ? { fingerprint: dataset.fingerprint, rows: dataset.rows } : null);
}

/** The backend a run trained on; runs saved before it was recorded at the end say `auto`, which names none. */
export function backendOf(run: RunRecord | undefined): string | null {
  return run && run.backend !== 'auto' ? run.backend : null;
}
