/**
 * The losses trees are boosted on: gradients and hessians from raw scores, the starting score,
 * and the loss and headline metric reported each round.
 */
import type { Task } from '../../recipe';

export type RegressionLoss = 'squared' | 'absolute' | 'huber';

export interface Loss {
  /** Raw scores per row. */
  outputs: number;
  /** Starting raw score per output (log-odds of the prior, log priors, the mean or median). */
  base(y: ArrayLike<number>, w: Float64Array | null): number[];
  /** Gradients and hessians of output k for rows from..to, from raw scores (row-major n × outputs). */
  gradients(raw: Float64Array, y: ArrayLike<number>, w: Float64Array | null, k: number, grad: Float64Array, hess: Float64Array, from: number, to: number): void;
  /** Mean loss over rows `from..to` of raw/y. */
  loss(raw: Float64Array, y: ArrayLike<number>, n: number): number;
  /** Accuracy (classification) or RMSE (regression). */
  metric(raw: Float64Array, y: ArrayLike<number>, n: number): number;
  /**
   * The largest |gradient| and hessian a row of weight 1 can have, where the loss bounds them: the
   * quantisation grid then comes from the bound, and each row is rounded as its gradient is computed.
   */
  bounds?: { grad: number; hess: number };
}

const EPS = 1e-15;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function lossFor(task: Task, numClasses: number, regression: RegressionLoss, y: ArrayLike<number>): Loss {
  if (task === 'binary') return binary;
  if (task === 'multiclass') return multiclass(numClasses);
  return regressionLoss(regression, y);
}

function weightedMean(y: ArrayLike<number>, w: Float64Array | null, f: (v: number) => number): number {
  let s = 0;
  let t = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i] : 1;
    s += wi * f(y[i]);
    t += wi;
  }
  return t > 0 ? s / t : 0;
}

/** p − y and max(p(1 − p), ε) for p in [0, 1]. */
const PROBABILITY_BOUNDS = { grad: 1, hess: 0.25 };

const binary: Loss = {
  outputs: 1,
  bounds: PROBABILITY_BOUNDS,
  base(y, w) {
    const p = Math.min(1 - 1e-6, Math.max(1e-6, weightedMean(y, w, (v) => v)));
    return [Math.log(p / (1 - p))];
  },
  gradients(raw, y, w, _k, grad, hess, from, to) {
    for (let i = from; i < to; i++) {
      const p = sigmoid(raw[i]);
      const wi = w ? w[i] : 1;
      grad[i] = (p - y[i]) * wi;
      hess[i] = Math.max(p * (1 - p), EPS) * wi;
    }
  },
  loss(raw, y, n) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(raw[i]);
      s -= Math.log(Math.max(EPS, y[i] === 1 ? p : 1 - p));
    }
    return s / Math.max(1, n);
  },
  metric(raw, y, n) {
    let right = 0;
    for (let i = 0; i < n; i++) right += (raw[i] > 0 ? 1 : 0) === y[i] ? 1 : 0;
    return right / Math.max(1, n);
  },
};

function softmaxRow(raw: Float64Array, at: number, k: number, out: Float64Array): void {
  let max = -Infinity;
  for (let j = 0; j < k; j++) max = Math.max(max, raw[at + j]);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += (out[j] = Math.exp(raw[at + j] - max));
  for (let j = 0; j < k; j++) out[j] /= sum;
}

function multiclass(k: number): Loss {
  const p = new Float64Array(k);
  return {
    outputs: k,
    bounds: PROBABILITY_BOUNDS,
    base(y, w) {
      return Array.from({ length: k }, (_, c) => Math.log(Math.max(1e-6, weightedMean(y, w, (v) => (v === c ? 1 : 0)))));
    },
    gradients(raw, y, w, c, grad, hess, from, to) {
      for (let i = from; i < to; i++) {
        softmaxRow(raw, i * k, k, p);
        const wi = w ? w[i] : 1;
        grad[i] = (p[c] - (y[i] === c ? 1 : 0)) * wi;
        hess[i] = Math.max(p[c] * (1 - p[c]), EPS) * wi;
      }
    },
    loss(raw, y, n) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        softmaxRow(raw, i * k, k, p);
        s -= Math.log(Math.max(EPS, p[y[i]]));
      }
      return s / Math.max(1, n);
    },
    metric(raw, y, n) {
      let right = 0;
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let j = 1; j < k; j++) if (raw[i * k + j] > raw[i * k + best]) best = j;
        right += best === y[i] ? 1 : 0;
      }
      return right / Math.max(1, n);
    },
  };
}

function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Huber's δ: the 90th percentile of absolute deviations from the median, fixed for the run. */
function huberDelta(y: ArrayLike<number>): number {
  const centre = median(Float64Array.from(y));
  const dev = Float64Array.from(y, (v) => Math.abs(v - centre)).sort();
  return Math.max(dev[Math.floor(0.9 * (dev.length - 1))] ?? 1, 1e-12);
}

function regressionLoss(kind: RegressionLoss, y: ArrayLike<number>): Loss {
  const delta = kind === 'huber' ? huberDelta(y) : 0;
  const rmse = (raw: Float64Array, yy: ArrayLike<number>, n: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (raw[i] - yy[i]) ** 2;
    return Math.sqrt(s / Math.max(1, n));
  };
  return {
    outputs: 1,
    base(yy, w) {
      return [kind === 'squared' ? weightedMean(yy, w, (v) => v) : median(Float64Array.from(yy))];
    },
    gradients(raw, yy, w, _k, grad, hess, from, to) {
      for (let i = from; i < to; i++) {
        const r = raw[i] - yy[i];
        const wi = w ? w[i] : 1;
        grad[i] = (kind === 'squared' ? r : kind === 'absolute' ? Math.sign(r) : Math.max(-delta, Math.min(delta, r))) * wi;
        hess[i] = wi;
      }
    },
    loss(raw, yy, n) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const a = Math.abs(raw[i] - yy[i]);
        s += kind === 'squared' ? a * a : kind === 'absolute' ? a : a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
      }
      return s / Math.max(1, n);
    },
    metric: rmse,
  };
}
