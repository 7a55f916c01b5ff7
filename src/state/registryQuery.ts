import { cellValue, type RunRow } from './registryRows';

/** How the runs table is narrowed and ordered. */
export interface RunQuery {
  /** Column key to sort by (see `runColumns`). */
  sortKey: string;
  descending: boolean;
  /** Column key the filter applies to; empty string means any text column. */
  filterKey: string;
  /**
   * Text filter, case-insensitive substring; on a numeric column also `> 0.9`, `<= 3`, `= 2`
   * or a range `0.8..0.95`.
   */
  filter: string;
}

type Test = (value: string | number | null | undefined) => boolean;

const COMPARISON = /^\s*(<=|>=|<|>|=)\s*(-?[\d.]+(?:e-?\d+)?)\s*$/i;
const RANGE = /^\s*(-?[\d.]+(?:e-?\d+)?)\s*\.\.\s*(-?[\d.]+(?:e-?\d+)?)\s*$/i;

/** Compiles the filter text once; a numeric expression only matches numbers. */
export function filterTest(text: string): Test {
  const comparison = COMPARISON.exec(text);
  if (comparison) {
    const [, op, raw] = comparison;
    const limit = Number(raw);
    return (v) =>
      typeof v === 'number' &&
      (op === '<' ? v < limit : op === '<=' ? v <= limit : op === '>' ? v > limit : op === '>=' ? v >= limit : v === limit);
  }
  const range = RANGE.exec(text);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    return (v) => typeof v === 'number' && v >= lo && v <= hi;
  }
  const needle = text.trim().toLowerCase();
  return (v) => v !== undefined && v !== null && String(v).toLowerCase().includes(needle);
}

const TEXT_KEYS = ['id', 'name', 'status', 'dataset', 'kind', 'backend'];

/** Rows matching the filter, sorted; rows without the sort value go last either way. Stable. */
export function queryRuns(rows: readonly RunRow[], query: RunQuery): RunRow[] {
  let kept = rows as RunRow[];
  if (query.filter.trim() !== '') {
    const test = filterTest(query.filter);
    kept = rows.filter((row) =>
      query.filterKey === '' ? TEXT_KEYS.some((k) => test(cellValue(row, k))) : test(cellValue(row, query.filterKey)),
    );
  }
  const sign = query.descending ? -1 : 1;
  const keyed = kept.map((row, i) => ({ row, i, v: cellValue(row, query.sortKey) }));
  keyed.sort((a, b) => {
    const missingA = a.v === undefined || a.v === null;
    const missingB = b.v === undefined || b.v === null;
    if (missingA || missingB) return missingA === missingB ? a.i - b.i : missingA ? 1 : -1;
    const order = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
    return order === 0 ? a.i - b.i : sign * order;
  });
  return keyed.map((k) => k.row);
}
