/**
 * Histogram gradient boosting (as LightGBM and scikit-learn's HistGradientBoosting): features
 * binned once, one leaf-wise tree per round (per class for multiclass) on quantised gradients,
 * shrunk by the learning rate, with early stopping on a validation slice.
 */
import { createRng, iota } from '../../stats';
import { carveValidation } from '../network/data';
import { resolveOptions } from '../options';
import { TrainingError, type EpochLog, type ModelSpec, type TrainData, type TrainHooks, type TrainResult } from '../types';
import type { BinnedData } from './binning';
import { compiledLeaf, compileTree } from './compiled';
import { binnedLeaf, growTree, histPool, type Grown, type GrowParams } from './grow';
import { lossFor, type Loss, type RegressionLoss } from './losses';
import { gbdtMeta } from './meta';
import { binRows, categoricalSet, makeTeam, rowWeights, sharedCopy, sharedFloat64, sharedUint32, yielder } from './prepare';
import { sampleFeatures, waitWhilePaused } from './treeRun';
import type { Tree, TreeEnsemble } from './types';

export async function trainGbdt(spec: ModelSpec, data: TrainData, hooks: TrainHooks = {}): Promise<TrainResult> {
  const o = resolveOptions(gbdtMeta, spec.options);
  const seed = spec.seed ?? 0;
  const started = Date.now();
  const categorical = categoricalSet(data);
  const { train, valid } = o.earlyStopping ? carveValidation(data, o.validationFraction as number, seed) : { train: data, valid: null };
  const n = train.n;
  const d = data.d;
  const loss = lossFor(data.task, data.numClasses, o.loss as RegressionLoss, train.y);
  const K = loss.outputs;
  const unshared = rowWeights({ task: data.task, numClasses: data.numClasses, y: train.y }, o.classWeight as string);
  const weights = unshared && sharedCopy(unshared);
  const binned = binRows(train.X, n, d, categorical, o.maxBins as number);
  const base = loss.base(train.y, weights);
  const raw = sharedFloat64(n * K);
  const validRaw = new Float64Array((valid?.n ?? 0) * K);
  for (let i = 0; i < raw.length; i++) raw[i] = base[i % K];
  for (let i = 0; i < validRaw.length; i++) validRaw[i] = base[i % K];
  // Unweighted regression losses have a hessian of 1 on every row.
  const unitHess = data.task === 'regression' && weights === null;
  const gradients = Array.from({ length: K }, () => ({ channels: 1, grad: sharedFloat64(n), hess: sharedFloat64(n), unitHess }));
  const pool = histPool(binned, 1);
  const rows = sharedUint32(n);
  const boost = { loss, y: sharedCopy(train.y), weights, raw, outputs: K, task: data.task, numClasses: data.numClasses, regression: o.loss as RegressionLoss, maxLeaves: o.maxLeaves as number };
  const team = makeTeam(binned, gradients, rows, boost);
  const { builders, threads, stop } = team;
  const bag = new Uint32Array(iota(n).buffer);
  const scratch = new Float64Array(n);
  const inBag = new Uint8Array(n);
  const curve = trainingCurve(loss, raw, train.y, n, K);
  const rng = createRng(seed);
  const lr = o.learningRate as number;
  const params: GrowParams = {
    channels: 1,
    l2: o.l2 as number,
    minSamplesLeaf: o.minSamplesLeaf as number,
    minHessian: o.minHessian as number,
    minGain: 0,
    maxCategoriesLeft: 32,
    categorySmooth: 10,
    oneVsRestBelow: 4,
    maxLeaves: o.maxLeaves as number,
    maxDepth: o.maxDepth as number,
    order: 'best',
    subtraction: true,
    featuresPerNode: null,
  };
  const allFeatures = Int32Array.from({ length: d }, (_, f) => f);
  const trees: Tree[] = [];
  const treeOutput: number[] = [];
  const history: EpochLog[] = [];
  const pause = yielder();
  let best = { loss: Infinity, round: 0 };
  try {
    for (let round = 1; round <= (o.rounds as number); round++) {
      await waitWhilePaused(hooks);
      let count = 0;
      if ((o.rowSample as number) < 1) {
        for (let i = 0; i < n; i++) if (rng.next() < (o.rowSample as number)) bag[count++] = i;
      } else count = n;
      const features = sampleFeatures(allFeatures, o.colSample as number, rng);
      // Every class's gradients come from the scores before this round's trees.
      for (let k = 0; k < K; k++) team.gradients(k);
      for (let k = 0; k < K; k++) {
        rows.set(bag.subarray(0, count));
        const grown = growTree(binned, gradients[k], rows, count, features, params, builders[k], pool, null);
        const tree = grown.tree;
        if (o.loss === 'absolute' && data.task === 'regression') medianLeaves(tree, grown.leafBegin, grown.leafEnd, rows, raw, train.y, scratch);
        for (let i = 0; i < tree.leafValue.length; i++) tree.leafValue[i] *= lr;
        team.addLeaves(k, grown, rows);
        if (count < n) addLeftOut(grown, raw, K, k, binned, markBag(inBag, bag, count));
        trees.push(tree);
        treeOutput.push(k);
      }
      // The raw scores are final for the round: the helper starts the next round's first gradients
      // while this thread scores the validation rows and the curves, which only read them.
      if (round < (o.rounds as number)) team.prefetchGradients(0);
      if (valid) for (let k = 0; k < K; k++) addTree(trees[trees.length - K + k], valid.X, d, validRaw, K, k, valid.n);
      const trained = curve();
      const log: EpochLog = {
        epoch: round,
        loss: trained.loss,
        valLoss: valid ? loss.loss(validRaw, valid.y, valid.n) : null,
        metric: trained.metric,
        valMetric: valid ? loss.metric(validRaw, valid.y, valid.n) : null,
        elapsedMs: Date.now() - started,
        learningRate: lr,
        threads: threads(),
      };
      if (!Number.isFinite(log.loss)) throw new TrainingError(`Training loss became ${log.loss} at round ${round}. Lower the learning rate (now ${lr}) or check the target for extreme values.`);
      history.push(log);
      hooks.onEpoch?.(log);
      if (log.valLoss !== null) {
        if (log.valLoss < best.loss - 1e-7) best = { loss: log.valLoss, round };
        else if (round - best.round >= (o.patience as number)) break;
      }
      await pause();
    }
  } finally {
    stop();
  }
  const kept = valid && best.round > 0 ? best.round : history.length;
  const model: TreeEnsemble = {
    kind: 'trees',
    modelKind: 'gbdt',
    task: data.task,
    numClasses: data.numClasses,
    outputs: K,
    width: 1,
    base,
    trees: trees.slice(0, kept * K),
    treeOutput: treeOutput.slice(0, kept * K),
    aggregate: 'sum',
    link: data.task === 'binary' ? 'sigmoid' : data.task === 'multiclass' ? 'softmax' : 'identity',
    features: d,
    categorical: [...categorical].sort((a, b) => a - b),
  };
  return { model, history, ...(valid ? { bestEpoch: kept } : {}), options: o };
}

/** Adds tree output `k` to raw scores of every row of X (row-major n × d). */
function addTree(tree: Tree, X: Float32Array, d: number, raw: Float64Array, K: number, k: number, n: number): void {
  const compiled = compileTree(tree);
  for (let i = 0; i < n; i++) raw[i * K + k] += tree.leafValue[compiledLeaf(compiled, X, i * d)];
}

/** Adds a grown tree to the raw scores of the rows left out of this round's sample, by routing their bins. */
function addLeftOut(grown: Grown, raw: Float64Array, K: number, k: number, binned: BinnedData, inBag: Uint8Array): void {
  const values = grown.tree.leafValue;
  for (let r = 0; r < binned.n; r++) if (!inBag[r]) raw[r * K + k] += values[binnedLeaf(grown.splits, grown.tree, binned.bins, binned.n, r)];
}

function markBag(inBag: Uint8Array, bag: Uint32Array, count: number): Uint8Array {
  inBag.fill(0);
  for (let i = 0; i < count; i++) inBag[bag[i]] = 1;
  return inBag;
}

/** Absolute loss: each leaf predicts the median residual of its rows (the L1-optimal constant), as LightGBM does. */
function medianLeaves(tree: Tree, begin: Int32Array, end: Int32Array, rows: Uint32Array, raw: Float64Array, y: ArrayLike<number>, scratch: Float64Array): void {
  for (let l = 0; l < begin.length; l++) {
    const m = end[l] - begin[l];
    if (m === 0) continue;
    const r = scratch.subarray(0, m);
    for (let i = 0; i < m; i++) r[i] = y[rows[begin[l] + i]] - raw[rows[begin[l] + i]];
    r.sort();
    tree.leafValue[l] = m % 2 ? r[m >> 1] : (r[(m >> 1) - 1] + r[m >> 1]) / 2;
  }
}

/** Rows the training curve is measured on: all of them up to this many, else an even spread. */
const CURVE_ROWS = 20_000;

/**
 * The training loss and metric per round, on at most CURVE_ROWS rows spread evenly over the
 * training rows (a curve, not a figure anyone acts on: the validation curve decides early stopping).
 * The sample's targets keep the targets' array type, so the loss reads one kind of array for both
 * curves (reading two kinds made every call of it slower).
 */
function trainingCurve(loss: Loss, raw: Float64Array, y: Int32Array | Float32Array, n: number, K: number): () => { loss: number; metric: number } {
  if (n <= CURVE_ROWS) return () => ({ loss: loss.loss(raw, y, n), metric: loss.metric(raw, y, n) });
  const pick = new Int32Array(CURVE_ROWS);
  const ys = y instanceof Int32Array ? new Int32Array(CURVE_ROWS) : new Float32Array(CURVE_ROWS);
  for (let i = 0; i < CURVE_ROWS; i++) ys[i] = y[(pick[i] = Math.floor((i * n) / CURVE_ROWS))];
  const rs = new Float64Array(CURVE_ROWS * K);
  return () => {
    gatherRows(rs, raw, pick, K);
    return { loss: loss.loss(rs, ys, CURVE_ROWS), metric: loss.metric(rs, ys, CURVE_ROWS) };
  };
}

/**
 * Copies the picked rows' scores. A function of its own, not a loop inside the curve's closure: V8
 * compiled that closure while still in its first loop (on-stack replacement), before the calls
 * after the loop had run, and threw the code away at those calls in every round (74 times a fit).
 */
function gatherRows(out: Float64Array, raw: Float64Array, pick: Int32Array, K: number): void {
  for (let i = 0; i < pick.length; i++) for (let k = 0; k < K; k++) out[i * K + k] = raw[pick[i] * K + k];
}
