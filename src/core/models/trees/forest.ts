/**
 * Random forest: each tree grows on a bootstrap sample (as row weights), trying a fresh random
 * subset of features at every split, on the same binned histograms as boosting. Leaves hold the
 * mean target (class shares for classification); the forest averages them. Rows a tree never saw
 * give the out-of-bag estimate, reported per tree as the validation curve.
 */
import { createRng } from '../../stats';
import { resolveOptions } from '../options';
import type { EpochLog, ModelSpec, TrainData, TrainHooks, TrainResult } from '../types';
import { growTree, histPool, type GrowParams } from './grow';
import { forestMeta } from './meta';
import { compiledLeaf, compileTree } from './compiled';
import { binRows, categoricalSet, makeTeam, rowWeights, sharedFloat64, sharedUint32, yielder } from './prepare';
import { quantizeInPlace } from './quantize';
import { waitWhilePaused } from './treeRun';
import type { Tree, TreeEnsemble } from './types';

function featuresPerSplit(choice: string, d: number, task: TrainData['task']): number {
  const c = choice === 'auto' ? (task === 'regression' ? 'all' : 'sqrt') : choice;
  const k = c === 'sqrt' ? Math.sqrt(d) : c === 'log2' ? Math.log2(d) : c === 'third' ? d / 3 : d;
  return Math.max(1, Math.min(d, Math.round(k)));
}

export async function trainForest(spec: ModelSpec, data: TrainData, hooks: TrainHooks = {}): Promise<TrainResult> {
  const o = resolveOptions(forestMeta, spec.options);
  const started = Date.now();
  const { n, d, task } = data;
  // Binary forests average P(class 1); multiclass ones every class's share.
  const C = task === 'multiclass' ? data.numClasses : 1;
  const categorical = categoricalSet(data);
  const binned = binRows(data.X, n, d, categorical, o.maxBins as number);
  const classWeights = rowWeights(data, o.classWeight as string);
  const g = { channels: C, grad: sharedFloat64(n * C), hess: sharedFloat64(n) };
  const pool = histPool(binned, C);
  const rows = sharedUint32(n);
  const threaded = makeTeam(binned, [g], rows);
  const builder = threaded.builders[0];
  const rng = createRng(spec.seed ?? 0);
  const params: GrowParams = {
    channels: C,
    l2: 0,
    minSamplesLeaf: o.minSamplesLeaf as number,
    minHessian: 0,
    minGain: 0,
    maxCategoriesLeft: 32,
    categorySmooth: 0,
    oneVsRestBelow: 4,
    maxLeaves: o.maxLeaves as number,
    maxDepth: o.maxDepth as number,
    order: 'best',
    subtraction: false,
    featuresPerNode: featuresPerSplit(o.maxFeatures as string, d, task),
  };
  const all = Int32Array.from({ length: d }, (_, f) => f);
  const counts = new Uint32Array(n);
  const sum = new Float64Array(n * C);
  const oobSum = new Float64Array(n * C);
  const oobTrees = new Uint32Array(n);
  const trees: Tree[] = [];
  const history: EpochLog[] = [];
  const pause = yielder();
  try {
    for (let t = 1; t <= (o.trees as number); t++) {
      await waitWhilePaused(hooks);
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[rng.int(n)]++;
      let count = 0;
      for (let r = 0; r < n; r++) {
        const w = counts[r] * (classWeights ? classWeights[r] : 1);
        g.hess[r] = w;
        for (let c = 0; c < C; c++) g.grad[r * C + c] = -w * target(data.y[r], c, task);
        if (counts[r] > 0) rows[count++] = r;
      }
      quantizeInPlace(g.grad, n);
      quantizeInPlace(g.hess, n);
      const tree = growTree(binned, g, rows, count, all, params, builder, pool, rng).tree;
      trees.push(tree);
      const compiled = compileTree(tree);
      for (let r = 0; r < n; r++) {
        const leaf = compiledLeaf(compiled, data.X, r * d);
        for (let c = 0; c < C; c++) {
          const v = tree.leafValue[leaf * C + c];
          sum[r * C + c] += v;
          if (counts[r] === 0) oobSum[r * C + c] += v;
        }
        if (counts[r] === 0) oobTrees[r]++;
      }
      const log = forestLog(t, sum, oobSum, oobTrees, data, C, started, threaded.threads());
      history.push(log);
      hooks.onEpoch?.(log);
      await pause();
    }
  } finally {
    threaded.stop();
  }
  const model: TreeEnsemble = {
    kind: 'trees',
    modelKind: 'forest',
    task,
    numClasses: data.numClasses,
    outputs: C,
    width: C,
    base: new Array<number>(C).fill(0),
    trees,
    treeOutput: trees.map(() => 0),
    aggregate: 'average',
    link: 'identity',
    features: d,
    categorical: [...categorical].sort((a, b) => a - b),
  };
  const last = history[history.length - 1];
  const oob = last?.valMetric ?? null;
  return { model, history, options: { ...o, ...(oob !== null ? { oobScore: oob } : {}) } };
}

/** The value tree leaves average for row label y in channel c. */
function target(y: number, c: number, task: TrainData['task']): number {
  if (task === 'regression') return y;
  if (task === 'binary') return y === 1 ? 1 : 0;
  return y === c ? 1 : 0;
}

/** Loss and metric of the forest so far on all training rows (optimistic) and out of bag (the honest curve). */
function forestLog(t: number, sum: Float64Array, oobSum: Float64Array, oobTrees: Uint32Array, data: TrainData, C: number, started: number, threads: number): EpochLog {
  const train = score(sum, () => t, data, C, null);
  const oob = score(oobSum, (r) => oobTrees[r], data, C, oobTrees);
  const valLoss = Number.isFinite(oob.loss) ? oob.loss : null;
  return { epoch: t, loss: train.loss, valLoss, metric: train.metric ?? 0, valMetric: valLoss === null ? null : oob.metric, elapsedMs: Date.now() - started, threads };
}

function score(sum: Float64Array, trees: (r: number) => number, data: TrainData, C: number, only: Uint32Array | null): { loss: number; metric: number | null } {
  let loss = 0;
  let hits = 0;
  let rows = 0;
  for (let r = 0; r < data.n; r++) {
    const k = trees(r);
    if (only && only[r] === 0) continue;
    rows++;
    const y = data.y[r];
    if (data.task === 'regression') {
      const e = sum[r] / k - y;
      loss += e * e;
    } else if (data.task === 'binary') {
      const p = Math.min(1 - 1e-15, Math.max(1e-15, sum[r] / k));
      loss -= Math.log(y === 1 ? p : 1 - p);
      hits += (p > 0.5 ? 1 : 0) === y ? 1 : 0;
    } else {
      let best = 0;
      for (let c = 1; c < C; c++) if (sum[r * C + c] > sum[r * C + best]) best = c;
      loss -= Math.log(Math.max(1e-15, sum[r * C + y] / k));
      hits += best === y ? 1 : 0;
    }
  }
  if (rows === 0) return { loss: NaN, metric: null };
  return { loss: loss / rows, metric: data.task === 'regression' ? Math.sqrt(loss / rows) : hits / rows };
}
