import { type Column, type NumericColumn, type Table } from '../table';
import { averageRanks, correlationRatio, cramersV, pearson, sampleIndices } from '../stats';
import { clusterOrder } from './cluster';
import { isGrouping, isMeasure, takeRows, toCoded, type Coded } from './columnKinds';
import type { CorrelationMatrix, Correlations } from './types';

/** Rows above which correlations use a seeded sample (about 200k, as the brief asks). */
export const CORRELATION_SAMPLE_ROWS = 200_000;

function square(columns: string[], cell: (i: number, j: number) => number): CorrelationMatrix {
  const n = columns.length;
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) matrix[i][j] = matrix[j][i] = cell(i, j);
  return { columns, matrix, order: clusterOrder(matrix) };
}

/** Spearman needs ranks of pairwise-complete rows; precomputed ranks serve pairs without gaps. */
function spearmanMatrix(measures: NumericColumn[]): CorrelationMatrix {
  const complete = measures.map((c) => c.values.every((v) => v - v === 0));
  const ranks = measures.map((c, i) => (complete[i] ? averageRanks(c.values) : null));
  return square(
    measures.map((c) => c.name),
    (i, j) => {
      if (ranks[i] && ranks[j]) return pearson(ranks[i]!, ranks[j]!);
      const keep: number[] = [];
      const x = measures[i].values;
      const y = measures[j].values;
      for (let r = 0; r < x.length; r++) if (x[r] - x[r] === 0 && y[r] - y[r] === 0) keep.push(r);
      return pearson(averageRanks(keep.map((r) => x[r])), averageRanks(keep.map((r) => y[r])));
    },
  );
}

/**
 * Pearson and Spearman (integer/float pairs), Cramér's V (categorical/boolean pairs with
 * ≤ 100 levels, bias-uncorrected) and η (numeric–categorical), each with a clustered
 * order. Tables over `sampleRows` rows are sampled with `seed` first.
 */
/** Matrices grow with the square of the columns; a wide table is correlated over this many of each kind. */
export const MAX_CORRELATION_COLUMNS = 100;

/** The columns with the fewest missing cells (table order breaks ties), at most MAX_CORRELATION_COLUMNS. */
function mostComplete(columns: Column[]): Column[] {
  if (columns.length <= MAX_CORRELATION_COLUMNS) return columns;
  const missing = (c: Column) => {
    let n = 0;
    if ('values' in c) for (const v of c.values) n += v !== v ? 1 : 0;
    else for (const k of c.codes) n += k < 0 ? 1 : 0;
    return n;
  };
  const scored = columns.map((c, i) => ({ c, i, m: missing(c) }));
  scored.sort((a, b) => a.m - b.m || a.i - b.i);
  return scored.slice(0, MAX_CORRELATION_COLUMNS).sort((a, b) => a.i - b.i).map((s) => s.c);
}

export function computeCorrelations(table: Table, seed = 42, sampleRows = CORRELATION_SAMPLE_ROWS): Correlations {
  const sampled = table.rowCount > sampleRows;
  const idx = sampled ? sampleIndices(table.rowCount, sampleRows, seed) : null;
  const take = (c: Column) => (idx ? takeRows(c, idx) : c);
  const allMeasures = table.columns.filter(isMeasure);
  const allGroups = table.columns.filter(isGrouping);
  const measures = mostComplete(allMeasures).map((c) => take(c) as NumericColumn);
  const groups: Coded[] = mostComplete(allGroups).map((c) => toCoded(take(c)));
  const out: Correlations = { sampled, sampledRows: idx ? idx.length : table.rowCount };
  if (measures.length < allMeasures.length || groups.length < allGroups.length) {
    out.limitedTo = { columns: MAX_CORRELATION_COLUMNS, numeric: allMeasures.length, categorical: allGroups.length };
  }
  if (measures.length >= 2) {
    out.pearson = square(
      measures.map((c) => c.name),
      (i, j) => pearson(measures[i].values, measures[j].values),
    );
    out.spearman = spearmanMatrix(measures);
  }
  if (groups.length >= 2) {
    out.cramers_v = square(
      groups.map((g) => g.name),
      (i, j) => cramersV(groups[i].codes, groups[i].labels.length, groups[j].codes, groups[j].labels.length),
    );
  }
  if (measures.length >= 1 && groups.length >= 1) {
    const names = [...measures.map((c) => c.name), ...groups.map((g) => g.name)];
    const m = measures.length;
    out.eta = square(names, (i, j) => {
      if ((i < m) === (j < m)) return NaN;
      const num = measures[Math.min(i, j)];
      const grp = groups[Math.max(i, j) - m];
      return correlationRatio(grp.codes, grp.labels.length, num.values);
    });
  }
  return out;
}
