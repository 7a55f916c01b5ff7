/**
 * Champion and challenger on the same slices of the test rows (each category, quantile range and
 * missing value of a column, as the error analysis slices them), for the gate's slice check.
 */
import type { ComparisonInput } from '../abtest';
import { higherIsBetter, scoreSlice, sliceable, sliceGroups, type SliceTarget } from '../evaluate';
import { sliceLabel } from '../explain';
import type { Table } from '../table';

export interface SliceComparison {
  column: string;
  /** The slice in words: "female", "18 – 24", "missing". */
  label: string;
  rows: number;
  /** The metric compared: ROC AUC (binary; accuracy where one class only), accuracy (multiclass) or RMSE. */
  metric: string;
  champion: number;
  challenger: number;
  /** How much worse the challenger is, in the metric's units (negative = better). */
  loss: number;
}

export interface CompareSlicesOptions {
  /** Columns to slice; default every category and number column except the target. */
  columns?: string[] | null;
  /** Smaller slices are left out. */
  minRows: number;
}

function target(input: ComparisonInput, model: number, classes: number): SliceTarget {
  const p = input.predictions[model];
  const output = input.task === 'regression' ? p.values! : p.probabilities!;
  return { task: input.task, y: input.yTrue, output, classes: input.task === 'regression' ? 1 : classes };
}

/**
 * Scores both models on every slice of at least `minRows` evaluation rows. `input.rows` maps each
 * evaluation row to its row of `table`; the first prediction set is the champion.
 */
export function compareSlices(table: Table, targetColumn: string, input: ComparisonInput, options: CompareSlicesOptions): SliceComparison[] {
  const n = input.yTrue.length;
  const first = input.predictions[0];
  const classes = input.task === 'regression' ? 1 : first.probabilities!.length / Math.max(1, n);
  const [champion, challenger] = [target(input, 0, classes), target(input, 1, classes)];
  const wanted = options.columns ?? table.columns.map((c) => c.name).filter((name) => name !== targetColumn);
  const missing = wanted.filter((name) => !table.columns.some((c) => c.name === name));
  if (missing.length) throw new RangeError(`The policy's slices.columns names ${missing.map((m) => `'${m}'`).join(', ')}, which the test file lacks (columns: ${table.columns.map((c) => c.name).join(', ')}).`);
  const out: SliceComparison[] = [];
  for (const name of wanted) {
    const column = table.columns.find((c) => c.name === name)!;
    if (!sliceable(column)) continue;
    for (const group of sliceGroups(column, input.rows, { maxCategories: 8, bins: 5, maxValues: 10 })) {
      if (group.members.length < options.minRows) continue;
      const [a, aSecondary] = scoreSlice(champion, group.members);
      const [b, bSecondary] = scoreSlice(challenger, group.members);
      // Multiclass compares accuracy, as the paired test does; ROC AUC on a one-class slice is undefined.
      const useSecondary = input.task === 'multiclass' || Number.isNaN(a) || Number.isNaN(b);
      const metric = input.task === 'regression' ? 'rmse' : useSecondary ? 'accuracy' : 'rocAuc';
      const [cv, dv] = useSecondary ? [aSecondary, bSecondary] : [a, b];
      out.push({ column: name, label: sliceLabel(group.key), rows: group.members.length, metric, champion: cv, challenger: dv, loss: higherIsBetter(metric) ? cv - dv : dv - cv });
    }
  }
  return out;
}
