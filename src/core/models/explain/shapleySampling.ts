/**
 * Shapley values estimated by permutation sampling (Štrumbelj & Kononenko 2014) for any model
 * given only `predict`: each sample walks the players (input columns) in a random order from a
 * background row to the explained row, crediting each with the change it makes. Orders come in
 * antithetic pairs (an order and its reverse), which cancels much of the noise.
 */
import type { PredictFn } from '../../evaluate';
import { createRng, shuffleInPlace } from '../../stats';

export interface ShapleyOptions {
  /** The row explained (d values). */
  x: ArrayLike<number>;
  /** Background rows, row-major (`background.length / d` of them). */
  background: Float32Array;
  d: number;
  /** Columns of each player. */
  groups: number[][];
  predict: PredictFn;
  /** Which of the k outputs to explain. */
  output: number;
  /** Antithetic pairs of orders; each uses the next background row in turn. */
  pairs: number;
  seed?: number;
}

export interface ShapleyEstimate {
  /** Estimated contribution per player; they sum to `score − expected` exactly. */
  phi: number[];
  /** Standard error of each estimate over the pairs. */
  se: number[];
  /** The model's output on the row. */
  score: number;
  /** Mean output over the background rows used. */
  expected: number;
}

export async function shapleySampling(o: ShapleyOptions): Promise<ShapleyEstimate> {
  const G = o.groups.length;
  const B = o.background.length / o.d;
  const rng = createRng(o.seed ?? 0);
  const steps = G + 1;
  const walks = o.pairs * 2;
  const Z = new Float32Array(walks * steps * o.d);
  const orders: number[][] = [];
  for (let p = 0; p < o.pairs; p++) {
    const order = shuffleInPlace(Array.from({ length: G }, (_, g) => g), rng);
    orders.push(order, [...order].reverse());
  }
  orders.forEach((order, w) => {
    const b = Math.floor(w / 2) % B;
    let at = w * steps * o.d;
    Z.set(o.background.subarray(b * o.d, (b + 1) * o.d), at);
    for (const g of order) {
      Z.copyWithin(at + o.d, at, at + o.d);
      at += o.d;
      for (const j of o.groups[g]) Z[at + j] = o.x[j];
    }
  });
  const pred = await o.predict(Z, walks * steps);
  const k = pred.length / (walks * steps);
  const f = (w: number, t: number) => pred[(w * steps + t) * k + o.output];
  const sum = new Float64Array(G);
  const sumSq = new Float64Array(G);
  let expected = 0;
  const pair = new Float64Array(G);
  for (let p = 0; p < o.pairs; p++) {
    pair.fill(0);
    for (const w of [2 * p, 2 * p + 1]) orders[w].forEach((g, t) => (pair[g] += (f(w, t + 1) - f(w, t)) / 2));
    for (let g = 0; g < G; g++) {
      sum[g] += pair[g];
      sumSq[g] += pair[g] ** 2;
    }
    expected += f(2 * p, 0) / o.pairs;
  }
  const P = o.pairs;
  const phi = Array.from(sum, (s) => s / P);
  const se = phi.map((m, g) => (P > 1 ? Math.sqrt(Math.max(0, (sumSq[g] - P * m * m) / (P - 1)) / P) : NaN));
  return { phi, se, score: f(0, G), expected };
}
