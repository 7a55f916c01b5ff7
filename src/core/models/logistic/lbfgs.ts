/**
 * Full-batch logistic regression by L-BFGS, as scikit-learn's default `lbfgs` solver fits it: the
 * penalised mean cross-entropy is convex, so the weights it converges to depend on the data and
 * options only, not on a row order. Each iteration is one or two passes over the sparse rows.
 */
import { waitWhilePaused } from '../pause';
import { TrainingError, type EpochLog, type TrainHooks } from '../types';
import { probabilities, type SparsePart } from './sparseStep';
import { nextTask } from '../../eventLoop';

/** Past pairs (step, gradient change) kept for the inverse-Hessian estimate (scikit-learn's `maxcor`). */
const MEMORY = 10;
/** Converged when the largest gradient entry is this small (scikit-learn's `tol`). */
const GRADIENT_TOLERANCE = 1e-4;
/** Armijo's sufficient-decrease constant, and the backtracking factor. */
const ARMIJO = 1e-4;
const BACKTRACK = 0.5;
const EPS = 1e-7;

export interface LbfgsConfig {
  /** Most iterations (the `epochs` option). */
  iterations: number;
  /** Weight of Σ kernel² added to the mean loss. */
  l2: number;
  /** Per-row loss weights (class weights), or null. */
  weights: Float32Array | null;
}

/** Penalised mean loss at `params` and its gradient into `g`; `z` is scratch of length k. */
function objective(part: SparsePart, k: number, params: Float64Array, cfg: LbfgsConfig, g: Float64Array, z: Float64Array): number {
  const { x, y } = part;
  const kernel = x.d * k;
  g.fill(0);
  if (k === 1) return penalised(x.n, kernel, binaryLoss(part, params, cfg.weights, g), params, cfg.l2, g);
  let loss = 0;
  for (let r = 0; r < x.n; r++) {
    probabilities(x, r, params, k, z);
    const s = cfg.weights ? cfg.weights[r] : 1;
    for (let c = 0; c < k; c++) {
      const target = k === 1 ? y[r] : y[r] === c ? 1 : 0;
      if (target === 1) loss -= s * Math.log(Math.max(z[c], Number.MIN_VALUE));
      else if (k === 1) loss -= s * Math.log(Math.max(1 - z[c], Number.MIN_VALUE));
      z[c] = (z[c] - target) * s;
      g[kernel + c] += z[c];
    }
    for (let q = x.indptr[r], end = x.indptr[r + 1]; q < end; q++) {
      const at = x.indices[q] * k;
      for (let c = 0; c < k; c++) g[at + c] += x.values[q] * z[c];
    }
  }
  return penalised(x.n, kernel, loss, params, cfg.l2, g);
}

/**
 * The summed loss and gradient of one sigmoid unit into `g`, written out as `objective`'s loop
 * with k = 1 (the same operations in the same order, so the same bits): the loop over units costs
 * as much as the arithmetic, and most text models are binary.
 */
function binaryLoss({ x, y }: SparsePart, params: Float64Array, weights: Float32Array | null, g: Float64Array): number {
  const { indptr, indices, values } = x;
  const bias = x.d;
  let loss = 0;
  for (let r = 0; r < x.n; r++) {
    const from = indptr[r];
    const to = indptr[r + 1];
    let z = params[bias];
    for (let q = from; q < to; q++) z += values[q] * params[indices[q]];
    const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    const s = weights ? weights[r] : 1;
    const target = y[r];
    loss -= s * Math.log(Math.max(target === 1 ? p : 1 - p, Number.MIN_VALUE));
    const dz = (p - target) * s;
    g[bias] += dz;
    for (let q = from; q < to; q++) g[indices[q]] += values[q] * dz;
  }
  return loss;
}

/** Scales the summed gradient `g` of `n` rows to the mean's and adds the L2 term on the `kernel` weights; returns the penalised mean of `loss`. */
function penalised(n: number, kernel: number, loss: number, params: Float64Array, l2: number, g: Float64Array): number {
  const inv = 1 / n;
  let penalty = 0;
  for (let i = 0; i < g.length; i++) {
    g[i] *= inv;
    if (i < kernel) {
      penalty += params[i] * params[i];
      g[i] += 2 * l2 * params[i];
    }
  }
  return loss * inv + l2 * penalty;
}

/** Mean cross-entropy (clipped as the network loop reports it) and accuracy. */
function evaluate(part: SparsePart, k: number, params: Float64Array, z: Float64Array): [number, number] {
  const { x, y } = part;
  let loss = 0;
  let hits = 0;
  for (let r = 0; r < x.n; r++) {
    probabilities(x, r, params, k, z);
    let best = 0;
    for (let c = 1; c < k; c++) if (z[c] > z[best]) best = c;
    const p = k === 1 ? (y[r] === 1 ? z[0] : 1 - z[0]) : z[y[r]];
    loss -= Math.log(Math.min(1 - EPS, Math.max(EPS, p)));
    if ((k === 1 ? (z[0] >= 0.5 ? 1 : 0) : best) === y[r]) hits++;
  }
  return [loss / x.n, hits / x.n];
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/**
 * Minimises from `init` on `train`; logs one epoch per iteration (training loss and accuracy on
 * `sample`, the validation rows' when given). Returns the final weights and the log.
 */
export async function fitLbfgs(train: SparsePart, sample: SparsePart, valid: SparsePart | null, k: number, init: Float64Array, cfg: LbfgsConfig, hooks: TrainHooks): Promise<{ params: Float64Array; history: EpochLog[] }> {
  const size = init.length;
  const z = new Float64Array(k);
  let w = Float64Array.from(init);
  let g = new Float64Array(size);
  let f = objective(train, k, w, cfg, g, z);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const alpha = new Float64Array(MEMORY);
  const history: EpochLog[] = [];
  const started = Date.now();
  const next = new Float64Array(size);
  const gNext = new Float64Array(size);
  for (let it = 1; it <= cfg.iterations; it++) {
    await waitWhilePaused(hooks);
    // Two-loop recursion: d = −H·g from the last MEMORY pairs.
    const d = Float64Array.from(g, (v) => -v);
    for (let j = steps.length - 1; j >= 0; j--) {
      alpha[j] = rhos[j] * dot(steps[j], d);
      for (let i = 0; i < size; i++) d[i] -= alpha[j] * changes[j][i];
    }
    const gamma = steps.length ? dot(steps.at(-1)!, changes.at(-1)!) / dot(changes.at(-1)!, changes.at(-1)!) : 1 / Math.sqrt(dot(g, g));
    for (let i = 0; i < size; i++) d[i] *= gamma;
    for (let j = 0; j < steps.length; j++) {
      const beta = rhos[j] * dot(changes[j], d);
      for (let i = 0; i < size; i++) d[i] += (alpha[j] - beta) * steps[j][i];
    }
    const slope = dot(g, d);
    // Backtracking until the loss falls enough (Armijo); a direction that does not descend ends the fit.
    let t = 1;
    let fNext = Infinity;
    for (let tries = 0; slope < 0 && tries < 40; tries++, t *= BACKTRACK) {
      for (let i = 0; i < size; i++) next[i] = w[i] + t * d[i];
      fNext = objective(train, k, next, cfg, gNext, z);
      if (fNext <= f + ARMIJO * t * slope) break;
    }
    if (!Number.isFinite(fNext) && slope < 0) throw new TrainingError(`Training loss became ${fNext} at iteration ${it}. Scale the features (add a scale step to the recipe).`);
    if (!(fNext <= f + ARMIJO * t * slope)) break;
    const s = new Float64Array(size);
    const u = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = next[i] - w[i];
      u[i] = gNext[i] - g[i];
    }
    const su = dot(s, u);
    if (su > 1e-12) {
      steps.push(s);
      changes.push(u);
      rhos.push(1 / su);
      if (steps.length > MEMORY) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
    }
    const decrease = f - fNext;
    [w, g] = [Float64Array.from(next), Float64Array.from(gNext)];
    f = fNext;
    const [loss, metric] = evaluate(sample, k, w, z);
    const [valLoss, valMetric] = valid ? evaluate(valid, k, w, z) : [null, null];
    const log: EpochLog = { epoch: it, loss, valLoss, metric, valMetric, elapsedMs: Date.now() - started, threads: 1 };
    history.push(log);
    hooks.onEpoch?.(log);
    let largest = 0;
    for (let i = 0; i < size; i++) largest = Math.max(largest, Math.abs(g[i]));
    if (largest <= GRADIENT_TOLERANCE || decrease <= 1e-12 * Math.max(1, Math.abs(f))) break;
    if (it % 10 === 0) await nextTask();
  }
  return { params: w, history };
}
