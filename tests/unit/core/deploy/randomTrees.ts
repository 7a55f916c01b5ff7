/**
 * Test helpers: a small mixed table (numbers with NaN, categories with missing and unseen values),
 * the tree recipe fitted on it (ordinal encoding, no imputation, as the tree trainers use), and
 * hand-made random ensembles of every shape the trainers produce, with numeric, categorical and
 * missing-value splits. The reference is predictTrees.ts, so no other tool is involved.
 */
import type { Tree, TreeEnsemble } from '../../../../src/core/models';
import { fitRecipe, transformRecipe, type FittedRecipe, type Recipe, type Task } from '../../../../src/core/recipe';
import { createRng, type Rng } from '../../../../src/core/stats';
import type { Table } from '../../../../src/core/table/types';
import { tableOf } from '../recipe/tableOf';

export type Shape = 'binary-gbdt' | 'multiclass-gbdt' | 'regression-gbdt' | 'binary-forest' | 'multiclass-forest' | 'regression-forest';

export const SHAPES: Shape[] = ['binary-gbdt', 'multiclass-gbdt', 'regression-gbdt', 'binary-forest', 'multiclass-forest', 'regression-forest'];

const taskOf = (shape: Shape): Task => shape.split('-')[0] as Task;

/** n rows: a (float, 1 in 9 missing), b (float), c (integer), city and color (categorical, some missing), y for `task`. */
export function mixedTable(task: Task, n = 300, seed = 1): Table {
  const rng = createRng(seed);
  const a = Array.from({ length: n }, (_, i) => (i % 9 === 4 ? null : rng.normal() * 3));
  const b = Array.from({ length: n }, () => Math.exp(rng.normal()));
  const c = Array.from({ length: n }, () => rng.int(12) - 3);
  const city = Array.from({ length: n }, (_, i) => (i % 11 === 5 ? null : ['Oslo', 'Lima', 'Pune', 'Kyiv', 'Baku', 'Rome'][rng.int(6)]));
  const color = Array.from({ length: n }, () => ['red', 'green', 'blue'][rng.int(3)]);
  const y = Array.from({ length: n }, (_, i) =>
    task === 'regression' ? rng.normal() * 10 + 50 : task === 'binary' ? (i % 2 ? 'yes' : 'no') : ['A', 'B', 'C'][i % 3],
  );
  return tableOf({ a, b, c, city, color, y }, {}, `mixed-${task}`);
}

/** The table with an unseen category in row 0, missing categories in rows 1–2 and missing numbers in rows 3–4. */
export function withUnseen(table: Table): Table {
  const columns = table.columns.map((col) => {
    if (col.name === 'city' && 'codes' in col) {
      const codes = col.codes.slice();
      codes[0] = col.dictionary.length;
      codes[1] = -1;
      return { ...col, codes, dictionary: [...col.dictionary, 'Atlantis'] };
    }
    if (col.name === 'color' && 'codes' in col) {
      const codes = col.codes.slice();
      codes[2] = -1;
      return { ...col, codes };
    }
    if ((col.name === 'b' || col.name === 'c') && 'values' in col) {
      const values = col.values.slice();
      values[3] = NaN;
      values[4] = NaN;
      return { ...col, values };
    }
    return col;
  });
  return { ...table, columns };
}

export function treeRecipe(task: Task): Recipe {
  return { version: 1, target: 'y', task, steps: [{ kind: 'encode', method: 'ordinal', columns: ['city', 'color'] }], split: { method: 'random', testFraction: 0.2, seed: 1 } };
}

export function fitTrees(table: Table, task: Task): FittedRecipe {
  return fitRecipe(table, treeRecipe(task));
}

/** Vocabulary size of each ordinal-encoded feature, by feature index. */
function vocabularies(fitted: FittedRecipe): Map<number, number> {
  const out = new Map<number, number>();
  for (const step of fitted.steps) {
    if (step.kind !== 'encode') continue;
    for (const c of step.columns) out.set(fitted.featureNames.indexOf(c.name), c.vocabulary.length);
  }
  return out;
}

function randomTree(rng: Rng, X: Float32Array, n: number, d: number, vocab: Map<number, number>, depth: number, width: number, leafValue: () => number[]): Tree {
  const t: Tree = { feature: [], threshold: [], categories: [], missingLeft: [], left: [], right: [], cover: [], leafValue: [], leafCover: [], gain: [] };
  const leaf = () => {
    t.leafValue.push(...leafValue());
    t.leafCover.push(1);
    return ~(t.leafCover.length - 1);
  };
  const grow = (level: number): number => {
    if (level >= depth || (level > 1 && rng.next() < 0.15)) return leaf();
    const i = t.feature.length;
    const f = rng.int(d);
    t.feature.push(f);
    const size = vocab.get(f);
    if (size !== undefined) {
      const cats = Array.from({ length: size }, (_, k) => k).filter(() => rng.next() < 0.4);
      t.categories.push(cats);
      t.threshold.push(0);
    } else {
      const v = X[rng.int(n) * d + f];
      // Mostly float32 thresholds (what the trainers write), sometimes a double between two values.
      const base = Number.isNaN(v) ? 0 : v;
      t.threshold.push(rng.next() < 0.7 ? Math.fround(base) : base + 1e-9 * (rng.next() - 0.5));
      t.categories.push(null);
    }
    t.missingLeft.push(rng.next() < 0.5);
    t.cover.push(1);
    t.gain.push(rng.next() * 10);
    t.left.push(0);
    t.right.push(0);
    t.left[i] = grow(level + 1);
    t.right[i] = grow(level + 1);
    return i;
  };
  grow(0);
  return t;
}

export interface RandomEnsembleOptions {
  trees?: number;
  depth?: number;
  seed?: number;
}

/** A random ensemble of `shape` over the fitted recipe's features, thresholds drawn from X. */
export function randomEnsemble(shape: Shape, fitted: FittedRecipe, X: Float32Array, n: number, options: RandomEnsembleOptions = {}): TreeEnsemble {
  const rng = createRng(options.seed ?? 7);
  const task = taskOf(shape);
  const forest = shape.endsWith('forest');
  const numClasses = task === 'regression' ? 1 : fitted.classes!.length;
  const outputs = task === 'multiclass' ? numClasses : 1;
  const width = forest && task === 'multiclass' ? numClasses : 1;
  const d = fitted.featureNames.length;
  const vocab = vocabularies(fitted);
  const count = options.trees ?? 24;
  const leafValue = (): number[] => {
    if (!forest) return [rng.normal() * (task === 'regression' ? 5 : 0.4)];
    if (task === 'regression') return [50 + rng.normal() * 10];
    if (task === 'binary') return [rng.next()];
    const raw = Array.from({ length: width }, () => rng.next() + 0.01);
    const sum = raw.reduce((s, v) => s + v, 0);
    return raw.map((v) => v / sum);
  };
  const trees = Array.from({ length: count }, (_, t) => {
    // A stump with no split now and then: the single leaf 0.
    if (t % 13 === 5) return randomTree(rng, X, n, d, vocab, 0, width, leafValue);
    return randomTree(rng, X, n, d, vocab, options.depth ?? 4, width, leafValue);
  });
  return {
    kind: 'trees',
    modelKind: forest ? 'forest' : 'gbdt',
    task,
    numClasses,
    outputs,
    width,
    base: forest ? Array.from({ length: outputs }, () => 0) : Array.from({ length: outputs }, () => rng.normal() * (task === 'regression' ? 40 : 0.5)),
    trees,
    treeOutput: trees.map((_, t) => (task === 'multiclass' && !forest ? t % numClasses : 0)),
    aggregate: forest ? 'average' : 'sum',
    link: forest || task === 'regression' ? 'identity' : task === 'binary' ? 'sigmoid' : 'softmax',
    features: d,
    categorical: [...vocab.keys()],
  };
}

/** Table, fitted recipe, its X on the edited table (unseen and missing values) and a random ensemble. */
export function treesCase(shape: Shape, options: RandomEnsembleOptions = {}) {
  const task = taskOf(shape);
  const train = mixedTable(task);
  const fitted = fitTrees(train, task);
  const table = withUnseen(train);
  const x = transformRecipe(fitted, table);
  const ensemble = randomEnsemble(shape, fitted, x.X, x.n, options);
  return { task, table, fitted, x, ensemble };
}
