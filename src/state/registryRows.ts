import type { DatasetRecord, Json, RunRecord, RunStatus } from '../storage';
import { kindLabel, optionLabel, recordedBackendWords } from '../core/models/catalog';
import { metricName } from '../core/explain';

/** A run flattened for the table: every sortable and filterable field at the top. */
export interface RunRow {
  id: string;
  /** The name the Train stage gave it; null for runs recorded without one (imports, older runs). */
  name: string | null;
  status: RunStatus;
  startedAt: number;
  /** Seconds, null while running. */
  duration: number | null;
  dataset: string;
  /** The model kind in words (`Gradient-boosted trees`), or `—` when the spec names none. */
  kind: string;
  /** The backend the run trained on in words; `—` while (or when it ended before) choosing one. */
  backend: string;
  /** Model options and the seed, flattened to `name` → value (arrays joined by `×`). */
  params: Record<string, string | number>;
  /** Numeric entries of `run.metrics` (the nested `evaluation` is left out). */
  metrics: Record<string, number>;
}

/** A column of the runs table: a fixed field, a parameter or a metric. */
export interface RunColumn {
  key: string;
  label: string;
  group: 'run' | 'param' | 'metric';
  numeric: boolean;
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Numeric top-level metrics of a run or version; everything else (curves, reports) is skipped. */
export function numericMetrics(metrics: Json): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isObject(metrics)) return out;
  for (const [key, value] of Object.entries(metrics)) if (typeof value === 'number') out[key] = value;
  return out;
}

/** The spec's options plus its seed as flat, displayable values. */
export function specParams(spec: Json, seed?: number): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const options = isObject(spec) ? spec.options : undefined;
  if (isObject(options)) {
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'number' || typeof value === 'string') out[key] = value;
      else if (typeof value === 'boolean') out[key] = String(value);
      else if (Array.isArray(value)) out[key] = value.join('×');
    }
  }
  if (seed !== undefined) out.seed = seed;
  return out;
}

/**
 * A run as a sentence or a control names it: "Gradient-boosted trees #1 (6bfdd233)", or the id's
 * first eight characters alone when it has no name. The id stays in view because names repeat
 * from one visit to the next.
 */
export function runTitle(run: { id: string; name?: string | null }): string {
  return run.name ? `${run.name} (${run.id.slice(0, 8)})` : run.id.slice(0, 8);
}

/** Flattens runs for the table, naming each run's dataset (its id when the dataset is gone). */
export function toRunRows(runs: readonly RunRecord[], datasets: readonly DatasetRecord[]): RunRow[] {
  const names = new Map(datasets.map((d) => [d.id, d.name]));
  return runs.map((run) => {
    const spec = run.spec;
    const kind = isObject(spec) && typeof spec.kind === 'string' ? spec.kind : '—';
    return {
      id: run.id,
      name: run.name ?? null,
      status: run.status,
      startedAt: run.startedAt,
      duration: run.endedAt === null ? null : (run.endedAt - run.startedAt) / 1000,
      dataset: names.get(run.datasetId) ?? run.datasetId,
      kind: kindLabel(kind),
      backend: recordedBackendWords(kind, run.backend),
      params: specParams(spec, run.seed),
      metrics: numericMetrics(run.metrics),
    };
  });
}

export const FIXED_COLUMNS: RunColumn[] = [
  { key: 'startedAt', label: 'Started', group: 'run', numeric: true },
  { key: 'status', label: 'Status', group: 'run', numeric: false },
  { key: 'dataset', label: 'Dataset', group: 'run', numeric: false },
  { key: 'kind', label: 'Model kind', group: 'run', numeric: false },
  { key: 'backend', label: 'Backend', group: 'run', numeric: false },
  { key: 'duration', label: 'Duration (s)', group: 'run', numeric: true },
];

/** Every column the rows can show: fixed fields, then parameters and metrics seen in any row, by name. */
export function runColumns(rows: readonly RunRow[]): RunColumn[] {
  const params = new Map<string, boolean>();
  const metrics = new Set<string>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row.params)) params.set(key, (params.get(key) ?? true) && typeof value === 'number');
    for (const key of Object.keys(row.metrics)) metrics.add(key);
  }
  return [
    ...FIXED_COLUMNS,
    ...[...params].sort(([a], [b]) => a.localeCompare(b)).map(([key, numeric]) => ({ key: `param:${key}`, label: optionLabel(key), group: 'param' as const, numeric })),
    ...[...metrics].sort().map((key) => ({ key: `metric:${key}`, label: metricName(key), group: 'metric' as const, numeric: true })),
  ];
}

/** The value of `column` in `row`; undefined when the row lacks it. */
export function cellValue(row: RunRow, key: string): string | number | null | undefined {
  if (key.startsWith('param:')) return row.params[key.slice(6)];
  if (key.startsWith('metric:')) return row.metrics[key.slice(7)];
  return (row as unknown as Record<string, string | number | null>)[key];
}

/** The runs table's data: one row per run and every column the rows offer. */
export interface RunTable {
  rows: RunRow[];
  columns: RunColumn[];
}

const sameRecord = (a: Record<string, string | number>, b: Record<string, string | number>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
};

/** True when two rows show the same thing. */
function sameRow(a: RunRow, b: RunRow): boolean {
  return (
    a.id === b.id && a.name === b.name && a.status === b.status && a.startedAt === b.startedAt && Object.is(a.duration, b.duration) && a.dataset === b.dataset &&
    a.kind === b.kind && a.backend === b.backend && sameRecord(a.params, b.params) && sameRecord(a.metrics, b.metrics)
  );
}

const sameColumns = (a: readonly RunColumn[], b: readonly RunColumn[]) =>
  a.length === b.length && a.every((c, i) => c.key === b[i].key && c.label === b[i].label && c.numeric === b[i].numeric);

/**
 * Rows and columns of `runs`, derived once per read of the registry rather than on every render.
 * Rows, the row list and the column list that show the same as in `previous` are `previous`'s own
 * objects, so a re-read that changed nothing (or one run) leaves the rest of the table's DOM alone.
 */
export function runTable(runs: readonly RunRecord[], datasets: readonly DatasetRecord[], previous?: RunTable): RunTable {
  const before = new Map(previous?.rows.map((row) => [row.id, row]));
  let reused = 0;
  const fresh = toRunRows(runs, datasets).map((row) => {
    const old = before.get(row.id);
    if (old === undefined || !sameRow(old, row)) return row;
    reused++;
    return old;
  });
  const rows = previous && reused === fresh.length && fresh.length === previous.rows.length && fresh.every((r, i) => r === previous.rows[i]) ? previous.rows : fresh;
  const columns = runColumns(rows);
  return { rows, columns: previous && sameColumns(previous.columns, columns) ? previous.columns : columns };
}
