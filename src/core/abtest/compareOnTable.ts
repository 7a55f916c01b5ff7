import type { Preprocess, RowPrediction } from '../deploy';
import { cellText, isBooleanPair, type NumericColumn, type Table } from '../table';
import { isNumeric } from '../table';
import { compareModels, type ComparisonReport } from './compareModels';
import { comparisonInput, type ComparisonInput } from './comparisonInput';

/** A model as the comparison scores it: its scorer.mjs (or any scorer with the same contract). */
export interface TableScorer {
  name: string;
  preprocess: Preprocess;
  predict(rows: Record<string, unknown>[]): RowPrediction[];
}

/** Options of {@link compareOnTable}. */
export interface CompareOnTableOptions {
  /** Rows of the table to compare on (e.g. `heldOutRows`); default every row. */
  rows?: Int32Array | null;
  /** Bootstrap seed. Default 0. */
  seed?: number;
  /** Bootstrap resamples. Default 2,000. */
  resamples?: number;
  /** Interval coverage. Default 0.95. */
  confidence?: number;
  /** Significance level of the primary test. Default 0.05. */
  alpha?: number;
}

/** The comparison of scorers on rows of a table, with the source rows behind each disagreement. */
export interface TableComparison {
  report: ComparisonReport;
  dropped: ComparisonInput['dropped'];
  /** Per challenger, the 1-based source row and the true label of each top disagreement. */
  sourceRows: number[][];
  truthLabels: string[][];
  /** Rows handed to the scorers (before rows without a target or refused ones were dropped). */
  rows: number;
  /** The lined-up truth and predictions the report was computed from (slices are scored on them). */
  input: ComparisonInput;
}

function cellValue(c: Table['columns'][number], r: number): unknown {
  if (isNumeric(c)) return c.values[r] !== c.values[r] ? null : c.type === 'boolean' ? c.values[r] === 1 : c.values[r];
  return c.codes[r] < 0 ? null : c.dictionary[c.codes[r]];
}

/** Plain row objects, the way scoreTable hands them to a scorer. */
function rowObjects(table: Table, indices?: ArrayLike<number> | null): Record<string, unknown>[] {
  const n = indices ? indices.length : table.rowCount;
  return Array.from({ length: n }, (_, i) => {
    const r = indices ? indices[i] : i;
    return Object.fromEntries(table.columns.map((c) => [c.name, cellValue(c, r)]));
  });
}

/**
 * Scores `rows` of `test` with every scorer (the first is the champion) and compares them: the one
 * path the studio's worker and `modelbench compare` share.
 */
export function compareOnTable(test: Table, target: string, scorers: readonly TableScorer[], options: CompareOnTableOptions = {}): TableComparison {
  const y = test.columns.find((c) => c.name === target);
  if (!y) throw new RangeError(`The test set "${test.name}" has no column '${target}' (columns: ${test.columns.map((c) => c.name).join(', ')}); choose a file with the true outcome.`);
  const indices = options.rows ?? null;
  const rows = rowObjects(test, indices);
  const champion = scorers[0].preprocess.classes ?? [];
  // A boolean target by value: the test file may write "yes" where training wrote "Yes", or true.
  const byValue = isNumeric(y) && y.type === 'boolean' && isBooleanPair(champion);
  const truth = Array.from({ length: rows.length }, (_, i) => {
    const r = indices ? indices[i] : i;
    if (cellValue(y, r) === null) return null;
    return byValue ? champion[(y as NumericColumn).values[r]] : cellText(y, r);
  });
  const input = comparisonInput(truth, scorers.map((s) => ({ name: s.name, preprocess: s.preprocess, predictions: s.predict(rows) })));
  const report = compareModels({ yTrue: input.yTrue, task: input.task, predictions: input.predictions, seed: options.seed ?? 0, ...(options.resamples ? { resamples: options.resamples } : {}), ...(options.confidence ? { confidence: options.confidence } : {}), ...(options.alpha ? { alpha: options.alpha } : {}) });
  const sourceRow = indices ? Array.from(input.rows, (r) => indices[r]) : Array.from(input.rows);
  const classes = scorers[0].preprocess.classes ?? [];
  const label = (v: number) => (input.task === 'regression' ? String(v) : classes[v] ?? String(v));
  return {
    report,
    dropped: input.dropped,
    sourceRows: report.comparisons.map((c) => c.disagreements.map((d) => sourceRow[d.index] + 1)),
    truthLabels: report.comparisons.map((c) => c.disagreements.map((d) => label(d.yTrue))),
    rows: rows.length,
    input,
  };
}
