import type { DatasetRecord, Json, RunRecord, RunStatus } from '../../../storage';

/** A run flattened for the table: every sortable and filterable field at the top. */
export interface RunRow {
  id: string;
  status: RunStatus;
  startedAt: number;
  /** Seconds, null while running. */
  duration: number | null;
  dataset: string;
  /** `spec.kind`, or `—` when the spec names none. */
  kind: string;
  backend: string;
  /** Model options and the seed, flattened to `name` → value (arrays joined by `×`). */
  params: Record<string, string | number>;
  /** Numeric entries of `run.metrics` (the nested `evaluation` is left out). */
  metrics: Record<string, number>;
  run: RunRecord;
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

export function toRunRows(runs: readonly RunRecord[], datasets: readonly DatasetRecord[]): RunRow[] {
  const names = new Map(datasets.map((d) => [d.id, d.name]));
  return runs.map((run) => {
    const spec = run.spec;
    return {
      id: run.id,
      status: run.status,
      startedAt: run.startedAt,
      duration: run.endedAt === null ? null : (run.endedAt - run.startedAt) / 1000,
      dataset: names.get(run.datasetId) ?? run.datasetId,
      kind: isObject(spec) && typeof spec.kind === 'string' ? spec.kind : '—',
      backend: run.backend,
      params: specParams(spec, run.seed),
      metrics: numericMetrics(run.metrics),
      run,
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
    ...[...params].sort(([a], [b]) => a.localeCompare(b)).map(([key, numeric]) => ({ key: `param:${key}`, label: key, group: 'param' as const, numeric })),
    ...[...metrics].sort().map((key) => ({ key: `metric:${key}`, label: key, group: 'metric' as const, numeric: true })),
  ];
}

/** The value of `column` in `row`; undefined when the row lacks it. */
export function cellValue(row: RunRow, key: string): string | number | null | undefined {
  if (key.startsWith('param:')) return row.params[key.slice(6)];
  if (key.startsWith('metric:')) return row.metrics[key.slice(7)];
  return (row as unknown as Record<string, string | number | null>)[key];
}
