/**
 * How one input column is varied for partial dependence, and how its model-ready values read in
 * the units a person knows: numeric features map back through the recipe's clip, power and scale
 * steps to the column's own units; one-hot, ordinal and embedding columns back to categories.
 */
import { featureGrid, type GridPoint } from '../../evaluate';
import { booleanFeatureWords, yeoJohnson, type FittedRecipe } from '../../recipe';

/** A column's grid: numeric positions (axis units) or one point per category. */
export interface ColumnAxis {
  column: string;
  kind: 'numeric' | 'category';
  grid: GridPoint[];
  /** Numeric: each grid point's position on the axis. Category: 0, 1, 2… */
  x: number[];
  /** Category names (category axes only). */
  labels: string[];
  /** The axis title: the column, and its units when they are not the column's own. */
  title: string;
}

export interface SkippedColumn {
  column: string;
  reason: string;
}

type Group = { name: string; columns: number[] };

/** Categories kept on a category axis: the most frequent in the rows explained. */
const MAX_CATEGORIES = 12;

/** The encode step that turned `name` into numbers, if any. */
function encodingOf(fitted: FittedRecipe, name: string) {
  for (const step of fitted.steps) {
    if (step.kind !== 'encode') continue;
    const col = step.columns.find((c) => c.name === name);
    if (col) return { method: step.method, vocabulary: col.vocabulary };
  }
  return null;
}

/**
 * Maps a model-ready value of numeric feature `name` back to the column's units, undoing scale and
 * power steps in reverse order (clipping is the identity inside the training range it kept).
 */
export function toColumnUnits(fitted: FittedRecipe, name: string): (v: number) => number {
  const undo: ((v: number) => number)[] = [];
  for (const step of fitted.steps) {
    if (step.kind === 'scale') {
      const c = step.columns.find((col) => col.name === name);
      if (c) undo.unshift((v) => v * c.scale + c.center);
    } else if (step.kind === 'power') {
      for (const c of step.columns) {
        if (c.name !== name) continue;
        if ('shift' in c) undo.unshift((v) => Math.expm1(v) - c.shift);
        else undo.unshift((v) => inverseYeoJohnson(v, c.lambda));
      }
    }
  }
  return (v) => undo.reduce((x, f) => f(x), v);
}

/** The inverse of `yeoJohnson` (NaN outside its range). */
export function inverseYeoJohnson(y: number, lambda: number): number {
  const x = y >= 0 ? (Math.abs(lambda) < 1e-12 ? Math.expm1(y) : (lambda * y + 1) ** (1 / lambda) - 1) : Math.abs(lambda - 2) < 1e-12 ? -Math.expm1(-y) : 1 - (1 - (2 - lambda) * y) ** (1 / (2 - lambda));
  // Round trip check: an out-of-range y has no preimage.
  return Number.isFinite(x) && Math.abs(yeoJohnson(x, lambda) - y) < 1e-6 * (1 + Math.abs(y)) ? x : NaN;
}

/** The axis for `group` (one input column) over the n rows of X, or why it has none. */
export function columnAxis(fitted: FittedRecipe, group: Group, X: Float32Array, n: number, gridSize = 20): ColumnAxis | SkippedColumn {
  const d = fitted.featureNames.length;
  const name = group.name;
  const encoding = encodingOf(fitted, name);
  const missing = group.columns.filter((j) => fitted.featureNames[j] === `${name}_missing`);
  const zeros = (cols: number[]) => cols.map(() => 0);
  if (encoding?.method === 'onehot') {
    const cols = group.columns.filter((j) => fitted.featureNames[j].startsWith(`${name}=`));
    const counts = cols.map((j) => {
      let c = 0;
      for (let i = 0; i < n; i++) if (X[i * d + j] > 0.5) c++;
      return c;
    });
    const kept = cols.map((j, k) => ({ j, k, count: counts[k] })).sort((a, b) => b.count - a.count || a.k - b.k).slice(0, MAX_CATEGORIES);
    const all = [...cols, ...missing];
    return {
      column: name,
      kind: 'category',
      grid: kept.map(({ j }) => ({ columns: all, values: all.map((c) => (c === j ? 1 : 0)) })),
      x: kept.map((_, i) => i),
      labels: kept.map(({ j }) => fitted.featureNames[j].slice(name.length + 1)),
      title: name,
    };
  }
  const main = fitted.featureNames.indexOf(name);
  if (main < 0 || !group.columns.includes(main)) return { column: name, reason: 'it becomes several model inputs (such as date parts), which partial dependence does not vary together' };
  if (group.columns.some((j) => j !== main && !missing.includes(j))) return { column: name, reason: 'it feeds several model inputs besides its own value' };
  const others = group.columns.filter((j) => j !== main);
  if (encoding) {
    // Ordinal codes are 0-based; embedding codes 1-based (0 = unseen or missing).
    const offset = encoding.method === 'embedding' ? 1 : 0;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const code = X[i * d + main];
      if (code >= offset) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const kept = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_CATEGORIES).map(([code]) => code);
    return {
      column: name,
      kind: 'category',
      grid: kept.map((code) => ({ columns: [main, ...others], values: [code, ...zeros(others)] })),
      x: kept.map((_, i) => i),
      labels: kept.map((code) => encoding.vocabulary[code - offset] ?? 'other'),
      title: name,
    };
  }
  const values = featureGrid(X, n, d, main, gridSize);
  if (values.length < 2) return { column: name, reason: 'it takes a single value in the rows explained' };
  const back = toColumnUnits(fitted, name);
  const words = booleanFeatureWords(fitted, name);
  if (words) {
    // A yes/no column has two values: two categories named as its file writes them, not a line from 0 to 1.
    const two = values.map((v) => ({ v, bit: back(v) })).filter((p) => Math.abs(p.bit - Math.round(p.bit)) < 1e-6);
    return {
      column: name,
      kind: 'category',
      grid: two.map(({ v }) => ({ columns: [main, ...others], values: [v, ...zeros(others)] })),
      x: two.map((_, i) => i),
      labels: two.map(({ bit }) => words[Math.round(bit) === 1 ? 1 : 0]),
      title: name,
    };
  }
  const x = tidyUnits(values.map(back), fitted.inputSchema.find((c) => c.name === name)?.type === 'integer');
  const readable = x.every(Number.isFinite);
  return {
    column: name,
    kind: 'numeric',
    grid: values.map((v) => ({ columns: [main, ...others], values: [v, ...zeros(others)] })),
    x: readable ? x : values,
    labels: [],
    title: readable ? name : `${name} (as the model sees it, after the recipe's transforms: its own units could not be recovered)`,
  };
}

/**
 * Grid positions read back through float32 transforms land a hair off the values they stand for
 * (a log-scaled 0 comes back as 6.2e−9): whole numbers for an integer column, 0 for anything
 * within a millionth of the axis's span of it.
 */
function tidyUnits(x: number[], integer: boolean): number[] {
  const span = Math.max(...x.map(Math.abs).filter(Number.isFinite), 0);
  return x.map((v) => {
    if (!Number.isFinite(v)) return v;
    if (integer && Math.abs(v - Math.round(v)) < 1e-6 * Math.max(1, Math.abs(v))) return Math.round(v);
    return Math.abs(v) < 1e-6 * span ? 0 : v;
  });
}

/** One row's value of `group` in words or the column's units: a category, a number, or '' for several inputs. */
export function groupValue(fitted: FittedRecipe, group: Group, row: ArrayLike<number>): { value: number; text?: string } {
  const name = group.name;
  const encoding = encodingOf(fitted, name);
  if (encoding?.method === 'onehot') {
    const on = group.columns.find((j) => fitted.featureNames[j].startsWith(`${name}=`) && row[j] > 0.5);
    return { value: NaN, text: on === undefined ? 'missing' : fitted.featureNames[on].slice(name.length + 1) };
  }
  const main = fitted.featureNames.indexOf(name);
  if (main < 0) return { value: NaN, text: '' };
  const v = row[main];
  if (encoding) {
    const offset = encoding.method === 'embedding' ? 1 : 0;
    return { value: v, text: Number.isFinite(v) && v >= offset ? (encoding.vocabulary[v - offset] ?? 'other') : 'missing' };
  }
  const missing = group.columns.find((j) => fitted.featureNames[j] === `${name}_missing`);
  if (missing !== undefined && row[missing] > 0.5) return { value: NaN, text: 'missing' };
  const value = toColumnUnits(fitted, name)(v);
  const words = booleanFeatureWords(fitted, name);
  const bit = Math.round(value);
  return words && Math.abs(value - bit) < 1e-6 && (bit === 0 || bit === 1) ? { value, text: words[bit] } : { value };
}
