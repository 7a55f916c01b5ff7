/**
 * Permutation importance of a dense network, exactly as `permutationImportance` computes it (same
 * shuffles from the same seed, every row, every repeat) with less arithmetic:
 * - the first layer is linear in the inputs, so its pre-activations are computed once and a
 *   shuffled row changes only the terms of the shuffled columns;
 * - a row whose shuffled value equals its own keeps its prediction;
 * - for a column with few distinct values, a row's prediction with each value is kept once
 *   computed, so the repeats that draw it again look it up.
 * Only the rows left are predicted, in one batch per repeat (`denseTail`); when most rows change,
 * on TF.js backends, every row goes through the backend with its change as a small product
 * (`shiftedTail`), which beats building the changed rows in JavaScript.
 */
import type { Importance, PermutationOptions } from '../../evaluate';
import { createRng, shuffleInPlace } from '../../stats';
import { firstLayer, type DenseNet } from './denseNet';
import { denseTail, shiftedTail } from './denseTail';

export type DensePermutationOptions = Omit<PermutationOptions, 'predict' | 'groups'> & { groups: { name: string; columns: number[] }[] };

/** Predictions kept per (row, value) only for columns with at most this many distinct values… */
const MEMO_VALUES = 64;
/** …and while the table of them stays under this many floats (16 MB). */
const MEMO_FLOATS = 1 << 22;

/** A code per row for its values in `columns` (equal codes: equal values, NaN equal to NaN), and the count of codes. */
function valueCodes(X: Float32Array, n: number, d: number, columns: number[]): { codes: Int32Array; count: number } {
  const codes = new Int32Array(n);
  if (columns.length === 1) {
    const seen = new Map<number, number>();
    const j = columns[0];
    for (let i = 0; i < n; i++) {
      const v = X[i * d + j];
      let c = seen.get(v);
      if (c === undefined) seen.set(v, (c = seen.size));
      codes[i] = c;
    }
    return { codes, count: seen.size };
  }
  // Several columns (one-hot groups): a key from the non-zero entries only, mostly one.
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let key = '';
    for (const j of columns) {
      const v = X[i * d + j];
      if (v !== 0) key += `${j}:${v},`;
    }
    let c = seen.get(key);
    if (c === undefined) seen.set(key, (c = seen.size));
    codes[i] = c;
  }
  return { codes, count: seen.size };
}

/** Importance per group, in the order given (the caller sorts). */
export async function densePermutationImportance(net: DenseNet, o: DensePermutationOptions): Promise<Importance[]> {
  const { X, n, d } = o;
  const repeats = o.repeats ?? 5;
  const k = net.outputs;
  const units = net.layers[0].units;
  const tail = denseTail(net);
  const A1 = firstLayer(net, X, n);
  const basePred = await tail.run(A1, n);
  const base = o.score(basePred);
  const rng = createRng(o.seed ?? 0);
  const perm = new Int32Array(n);
  const out = new Float32Array(n * k);
  const rows = new Int32Array(n);
  const from = new Int32Array(n);
  // TF.js takes float32 inputs: rounding here saves it a copy of every shuffled table.
  const A = tail.float32 ? new Float32Array(n * units) : new Float64Array(n * units);
  const shifted = shiftedTail(net, A1, n);
  const result: Importance[] = [];
  try {
    for (const g of o.groups) {
      const { codes, count } = valueCodes(X, n, d, g.columns);
      const memo = count <= MEMO_VALUES && n * count * k <= MEMO_FLOATS ? { pred: new Float32Array(n * count * k), known: new Uint8Array(n * count) } : null;
      const data = { X, n, d };
      const shift = groupShift(net, data, g.columns, codes, count, A1);
      const delta = shifted ? groupDelta(net, data, g.columns, codes, count) : null;
      const drops: number[] = [];
      for (let r = 0; r < repeats; r++) {
        if (o.signal?.aborted) throw new DOMException('Permutation importance was cancelled.', 'AbortError');
        for (let i = 0; i < n; i++) perm[i] = i;
        shuffleInPlace(perm, rng);
        let m = 0;
        for (let i = 0; i < n; i++) {
          const s = perm[i];
          const c = codes[s];
          if (c === codes[i]) copyRow(basePred, i, out, i, k);
          else if (memo?.known[i * count + c]) copyRow(memo.pred, i * count + c, out, i, k);
          else {
            rows[m] = i;
            from[m++] = s;
          }
        }
        // Most rows changed: every row through the backend (row b's prediction is then row rows[b]'s).
        const all = shifted && delta && 2 * m > n;
        let pred: Float32Array;
        if (all) {
          delta.E.fill(0);
          for (let b = 0; b < m; b++) delta.fill(rows[b], from[b]);
          pred = await shifted.run(delta.E, delta.T, delta.K);
        } else {
          for (let b = 0; b < m; b++) shift(A, b, rows[b], from[b]);
          pred = m > 0 ? await tail.run(A, m) : new Float32Array(0);
        }
        for (let b = 0; b < m; b++) {
          const i = rows[b];
          const at = all ? i : b;
          copyRow(pred, at, out, i, k);
          if (memo) {
            const key = i * count + codes[from[b]];
            memo.known[key] = 1;
            copyRow(pred, at, memo.pred, key, k);
          }
        }
        drops.push(base - o.score(out));
      }
      const mean = drops.reduce((s, v) => s + v, 0) / repeats;
      const sd = repeats > 1 ? Math.sqrt(drops.reduce((s, v) => s + (v - mean) ** 2, 0) / (repeats - 1)) : 0;
      result.push({ name: g.name, mean, sd, drops });
    }
  } finally {
    shifted?.dispose();
  }
  return result;
}

/** Row `from` of a k-wide table into row `to` of another (a subarray per row cost more in garbage than the copy). */
function copyRow(src: Float32Array, from: number, dst: Float32Array, to: number, k: number): void {
  for (let c = 0; c < k; c++) dst[to * k + c] = src[from * k + c];
}

type Data = { X: Float32Array; n: number; d: number };

/** Whether every value of `columns` is finite (else base + (new − old)·w is not the sum itself). */
function allFinite({ X, n, d }: Data, columns: number[]): boolean {
  return columns.every((j) => {
    for (let i = 0; i < n; i++) if (!Number.isFinite(X[i * d + j])) return false;
    return true;
  });
}

/** Each distinct value's first-layer terms (count × units), from one row that has it. */
function valueTerms(net: DenseNet, { X, n, d }: Data, columns: number[], codes: Int32Array, count: number): Float64Array {
  const { kernel: W, units } = net.layers[0];
  const V = new Float64Array(count * units);
  const done = new Uint8Array(count);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (done[c]) continue;
    done[c] = 1;
    for (const j of columns) {
      const v = X[i * d + j];
      if (v !== 0) for (let u = 0; u < units; u++) V[c * units + u] += v * W[j * units + u];
    }
  }
  return V;
}

/** The change E (n × K) a shuffle makes, for `shiftedTail`: E·T is added to each row's pre-activations. */
interface Delta {
  K: number;
  T: Float32Array;
  E: Float32Array;
  /** Sets row i's change when it takes row s's values. */
  fill(i: number, s: number): void;
}

/** E's size limit in floats (16 MB). */
const DELTA_FLOATS = 1 << 22;

function groupDelta(net: DenseNet, data: Data, columns: number[], codes: Int32Array, count: number): Delta | null {
  const { X, n, d } = data;
  const { kernel: W, units } = net.layers[0];
  if (!allFinite(data, columns)) return null;
  if (columns.length === 1) {
    const j = columns[0];
    const E = new Float32Array(n);
    return { K: 1, T: Float32Array.from(W.subarray(j * units, (j + 1) * units)), E, fill: (i, s) => (E[i] = X[s * d + j] - X[i * d + j]) };
  }
  if (n * count > DELTA_FLOATS) return null;
  const E = new Float32Array(n * count);
  return {
    K: count,
    T: Float32Array.from(valueTerms(net, data, columns, codes, count)),
    E,
    fill: (i, s) => {
      E[i * count + codes[s]] = 1;
      E[i * count + codes[i]] = -1;
    },
  };
}

/** Writes into row b of A the first-layer pre-activations of row i with the group's values taken from row s. */
type Shift = (A: Float64Array | Float32Array, b: number, i: number, s: number) => void;

/** How a group's shuffled rows get their pre-activations: each a single pass over the units. */
function groupShift(net: DenseNet, data: Data, columns: number[], codes: Int32Array, count: number, A1: Float64Array): Shift {
  const { X, d } = data;
  const { kernel: W, bias, units } = net.layers[0];
  if (!allFinite(data, columns)) {
    // base + (new − old)·w is not the sum itself once an input is NaN or infinite: sum afresh, as the full pass does.
    const inGroup = new Uint8Array(d);
    for (const j of columns) inGroup[j] = 1;
    return (A, b, i, s) => {
      const at = b * units;
      for (let u = 0; u < units; u++) A[at + u] = bias[u];
      for (let j = 0; j < d; j++) {
        const v = inGroup[j] ? X[s * d + j] : X[i * d + j];
        if (v === 0) continue;
        for (let u = 0; u < units; u++) A[at + u] += v * W[j * units + u];
      }
    };
  }
  if (columns.length === 1) {
    const j = columns[0];
    return (A, b, i, s) => {
      const diff = X[s * d + j] - X[i * d + j];
      const at = b * units;
      const ia = i * units;
      const row = j * units;
      for (let u = 0; u < units; u++) A[at + u] = A1[ia + u] + diff * W[row + u];
    };
  }
  // Several columns (one-hot): each distinct value's terms, summed once (a table no larger than A1).
  const V = valueTerms(net, data, columns, codes, count);
  return (A, b, i, s) => {
    const at = b * units;
    const ia = i * units;
    const vs = codes[s] * units;
    const vi = codes[i] * units;
    for (let u = 0; u < units; u++) A[at + u] = A1[ia + u] + V[vs + u] - V[vi + u];
  };
}
