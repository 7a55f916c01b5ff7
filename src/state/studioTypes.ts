/** The studio's stages, and what a loaded dataset and a load in progress carry. */
import type { ColumnType, IngestWarning, ReadMeta, Table } from '../core/table';
import type { ColumnSummary } from '../core/table';
import type { SampleInfo } from './samples';
import type { NewDataset } from '../storage';

export type Stage = 'data' | 'explore' | 'prepare' | 'train' | 'models' | 'deploy';

export const STAGES: { id: Stage; label: string; needs: string }[] = [
  { id: 'data', label: 'Data', needs: '' },
  { id: 'explore', label: 'Explore', needs: 'The exploration report is computed from a dataset.' },
  { id: 'prepare', label: 'Prepare', needs: 'A recipe of feature steps is built from a dataset and its target.' },
  { id: 'train', label: 'Train', needs: 'Models are trained on a prepared dataset.' },
  { id: 'models', label: 'Models', needs: 'The registry lists the runs and model versions you train.' },
  { id: 'deploy', label: 'Deploy', needs: 'Deployment exports a registered model version.' },
];

/** A loaded dataset: the table plus what was learned while reading it. */
export interface Dataset {
  name: string;
  sample: SampleInfo | null;
  table: Table;
  warnings: IngestWarning[];
  meta: ReadMeta;
  summaries: ColumnSummary[];
  overrides: Record<string, ColumnType>;
  target: string | null;
  /** The source file, kept as a handle (the browser reads it from disk on demand), for fingerprinting. */
  file: File;
  /** Set when the file was too large to hold: `table` is then a preview of the first rows. */
  streamed?: { rows: number };
}

/** Files above this size are profiled by streaming instead of being loaded whole. */
export const STREAM_THRESHOLD = 768 * 1024 * 1024;

/** A load in progress: what the progress bar and the Cancel button need. */
export interface LoadJob {
  fileName: string;
  totalBytes: number;
  bytes: number;
  rows: number;
  phase: 'reading' | 'retyping';
  controller: AbortController;
}

/** What the registry keeps of a dataset a run was trained on: its description and fingerprint, not its rows. */
export function datasetRecordOf(d: Dataset, fingerprint: string): NewDataset {
  return {
    name: d.sample?.title ?? d.name,
    sourceFileName: d.name,
    fingerprint,
    schema: d.table.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: d.table.rowCount,
    columns: d.table.columns.length,
    profileSummary: null,
  };
}
