/**
 * Error analysis: the model's metrics on slices of the held-out rows (each category of a source
 * column, quantile ranges of its numbers, its missing values), weakest first.
 */
import type { Table } from '../table';
import { higherIsBetter } from './compare';
import { sliceable, sliceGroups, type GroupOptions, type SliceKey } from './sliceGroups';
import { scoreSlice, sliceMetricKeys, type SliceTarget } from './sliceScore';

export interface Slice {
  /** The source column, as the user's file names it. */
  column: string;
  key: SliceKey;
  rows: number;
  /** The primary metric on the slice's rows; NaN when it is not defined there (ROC AUC on one class). */
  metric: number;
  /** Accuracy (classification) or MAE (regression) on the slice's rows. */
  secondary: number;
  /** How much worse than overall the primary metric is, in its units (positive = worse); NaN when undefined. */
  worseBy: number;
  /** As `worseBy`, for the secondary metric. */
  secondaryWorseBy: number;
  /** Fewer rows than `minRows`: too few to trust, ranked after every larger slice. */
  small: boolean;
}

export interface SliceReport {
  /** Metric keys (`rocAuc`, `logLoss`, `rmse`; `accuracy` or `mae`). */
  metric: string;
  secondary: string;
  /** The metrics on every evaluated row. */
  overall: number;
  overallSecondary: number;
  /** Rows evaluated: every held-out row, or an evenly spaced `maxRows` of them. */
  rows: number;
  /** Held-out rows in all. */
  totalRows: number;
  minRows: number;
  /** Columns sliced (a column whose one group is every row, missing or constant throughout, has no slice). */
  columns: string[];
  /**
   * Weakest first: slices of at least `minRows` rows by how much worse their primary metric is than
   * overall (those where it is undefined by the secondary metric), then the small slices the same way.
   */
  slices: Slice[];
}

export interface SliceOptions extends Partial<GroupOptions> {
  /** Below this many rows a slice is flagged as too small to trust. Default 30. */
  minRows?: number;
  /** Columns sliced at most, in the order given. Default 50. */
  maxColumns?: number;
  /** Held-out rows evaluated at most (evenly spaced beyond it), to bound the cost. Default 100,000. */
  maxRows?: number;
}

const DEFAULTS = { maxCategories: 8, bins: 5, maxValues: 10, minRows: 30, maxColumns: 50, maxRows: 100_000 };

/**
 * Metrics by slice of the held-out rows. `rows[i]` is the source row of `table` behind position i
 * of `target.y` (the `rows` of a transformed recipe); `columns` names the source columns to slice
 * (text and identifier columns are skipped). Deterministic: no sampling beyond even spacing.
 */
export function sliceMetrics(table: Table, rows: ArrayLike<number>, columns: string[], target: SliceTarget, options: SliceOptions = {}): SliceReport {
  const o = { ...DEFAULTS, ...options };
  const total = rows.length;
  const step = total > o.maxRows ? total / o.maxRows : 1;
  const positions = step === 1 ? Int32Array.from(rows, (_, i) => i) : Int32Array.from({ length: o.maxRows }, (_, i) => Math.floor(i * step));
  const sourceRows = Int32Array.from(positions, (p) => rows[p]);
  const { metric, secondary } = sliceMetricKeys(target.task);
  const [overall, overallSecondary] = scoreSlice(target, positions);
  const worse = (key: string, value: number, all: number) => (higherIsBetter(key) ? all - value : value - all);
  const sliced = columns
    .map((name) => table.columns.find((c) => c.name === name))
    .filter((c) => c !== undefined && sliceable(c))
    .slice(0, o.maxColumns);
  const slices: Slice[] = [];
  for (const column of sliced) {
    for (const group of sliceGroups(column!, sourceRows, o)) {
      // A "slice" of every row (a column missing or constant throughout) is the overall figure again.
      if (group.members.length === positions.length) continue;
      const members = new Int32Array(group.members.length);
      for (let j = 0; j < members.length; j++) members[j] = positions[group.members[j]];
      const [m, s] = scoreSlice(target, members);
      slices.push({
        column: column!.name,
        key: group.key,
        rows: members.length,
        metric: m,
        secondary: s,
        worseBy: worse(metric, m, overall),
        secondaryWorseBy: worse(secondary, s, overallSecondary),
        small: members.length < o.minRows,
      });
    }
  }
  return { metric, secondary, overall, overallSecondary, rows: positions.length, totalRows: total, minRows: o.minRows, columns: sliced.map((c) => c!.name).filter((name) => slices.some((s) => s.column === name)), slices: rankSlices(slices) };
}

/** Large slices before small ones; within each, defined primary gaps before secondary ones, largest first. Stable, so ties keep column order. */
function rankSlices(slices: Slice[]): Slice[] {
  const tier = (s: Slice) => (s.small ? 2 : 0) + (Number.isNaN(s.worseBy) ? 1 : 0);
  const gap = (s: Slice) => (Number.isNaN(s.worseBy) ? (Number.isNaN(s.secondaryWorseBy) ? -Infinity : s.secondaryWorseBy) : s.worseBy);
  return slices
    .map((s, i) => ({ s, i }))
    .sort((a, b) => tier(a.s) - tier(b.s) || gap(b.s) - gap(a.s) || a.i - b.i)
    .map(({ s }) => s);
}
