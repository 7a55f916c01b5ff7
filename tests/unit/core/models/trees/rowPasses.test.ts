import { describe, expect, test } from 'vitest';
import { gridStep, maxAbs, quantizeInPlace } from '../../../../../src/core/models/trees/quantize';
import { addLeavesSlice, fixedGrid, gradientSlice, gradientsOnGrid, joinChunks, joinHalves, partitionSlice, quantizeSlice } from '../../../../../src/core/models/trees/rowPasses';
import { lossFor } from '../../../../../src/core/models/trees/losses';
import { createRng } from '../../../../../src/core/stats';

/** The stable partition by definition: left rows in order, then right rows in order. */
function reference(rows: Uint32Array, bins: Uint8Array, left: Uint8Array, begin: number, end: number): number[] {
  const part = Array.from(rows.subarray(begin, end));
  return [...part.filter((r) => left[bins[r]] === 1), ...part.filter((r) => left[bins[r]] === 0)];
}

describe('partition in two halves, joined', () => {
  test.each([
    { name: 'mixed sides', share: 0.5 },
    { name: 'every row left', share: 1 },
    { name: 'every row right', share: 0 },
    { name: 'few left', share: 0.05 },
  ])('$name: the same rows in the same order as one stable partition', ({ share }) => {
    const rng = createRng(11);
    const n = 1000;
    const bins = Uint8Array.from({ length: n }, () => rng.int(256));
    const left = Uint8Array.from({ length: 256 }, () => (rng.next() < share ? 1 : 0));
    for (const [begin, end] of [[0, n], [137, 862], [500, 501], [10, 10]]) {
      const rows = Uint32Array.from({ length: n }, (_, i) => i);
      const expected = reference(rows, bins, left, begin, end);
      const spill = new Uint32Array(n).fill(0xffffffff);
      const mid = begin + ((end - begin) >> 1);
      const leftB = partitionSlice(bins, 0, left, rows, mid, end, spill, mid);
      const leftA = partitionSlice(bins, 0, left, rows, begin, mid, spill, begin);
      const first = joinHalves(rows, spill, begin, mid, end, leftA, leftB);
      expect(Array.from(rows.subarray(begin, end))).toEqual(expected);
      expect(first - begin).toBe(expected.filter((r) => left[bins[r]] === 1).length);
      // Rows outside the range are untouched.
      expect(Array.from(rows.subarray(0, begin))).toEqual(Array.from({ length: begin }, (_, i) => i));
    }
  });
});

describe('partition in chunks, joined', () => {
  test.each([
    { name: 'mixed sides', share: 0.5 },
    { name: 'every row left', share: 1 },
    { name: 'every row right', share: 0 },
    { name: 'few left', share: 0.05 },
  ])('$name: chunks partitioned in any order give one stable partition', ({ share }) => {
    const rng = createRng(13);
    const n = 1000;
    const bins = Uint8Array.from({ length: n }, () => rng.int(256));
    const left = Uint8Array.from({ length: 256 }, () => (rng.next() < share ? 1 : 0));
    for (const [begin, end, chunk] of [[0, n, 64], [137, 862, 100], [137, 862, 725], [500, 501, 7], [3, 997, 1]]) {
      const rows = Uint32Array.from({ length: n }, (_, i) => i);
      const expected = reference(rows, bins, left, begin, end);
      const spill = new Uint32Array(n).fill(0xffffffff);
      const counts = new Int32Array(Math.ceil((end - begin) / chunk)).fill(-1);
      // The chunks in a shuffled order, as two threads taking them would leave them.
      const order = Array.from(counts, (_, c) => c).sort(() => rng.next() - 0.5);
      for (const c of order) {
        const from = begin + c * chunk;
        counts[c] = partitionSlice(bins, 0, left, rows, from, Math.min(end, from + chunk), spill, from);
      }
      const first = joinChunks(rows, spill, begin, end, chunk, counts);
      expect(Array.from(rows.subarray(begin, end))).toEqual(expected);
      expect(first - begin).toBe(expected.filter((r) => left[bins[r]] === 1).length);
      expect(Array.from(rows.subarray(0, begin))).toEqual(Array.from({ length: begin }, (_, i) => i));
      expect(Array.from(rows.subarray(end))).toEqual(Array.from({ length: n - end }, (_, i) => end + i));
    }
  });
});

test('quantising two halves on the whole grid gives the bytes of quantising all at once', () => {
  const rng = createRng(3);
  const n = 5001;
  const grad = Float64Array.from({ length: n }, () => rng.normal() * 37);
  const hess = Float64Array.from({ length: n }, () => rng.next());
  const whole = { channels: 1, grad: grad.slice(), hess: hess.slice() };
  quantizeInPlace(whole.grad, n);
  quantizeInPlace(whole.hess, n);
  const halves = { channels: 1, grad: grad.slice(), hess: hess.slice() };
  const mid = n >> 1;
  const sg = gridStep(Math.max(maxAbs(grad, 0, mid), maxAbs(grad, mid, n)), n);
  const sh = gridStep(Math.max(maxAbs(hess, 0, mid), maxAbs(hess, mid, n)), n);
  quantizeSlice(halves, mid, n, sg, sh);
  quantizeSlice(halves, 0, mid, sg, sh);
  expect(halves.grad).toEqual(whole.grad);
  expect(halves.hess).toEqual(whole.hess);
  expect(halves.grad.some((v, i) => v !== grad[i])).toBe(true);
});

test('leaf values reach every row of their leaves, whichever slice of positions adds them', () => {
  const rows = Uint32Array.from([4, 0, 2, 5, 1, 3]);
  // Leaves: positions 0..2 → 1.5, 2..5 → −2, 5..6 → 0.25.
  const leaves = Float64Array.from([0, 2, 1.5, 2, 5, -2, 5, 6, 0.25]);
  const K = 2;
  const one = new Float64Array(6 * K);
  addLeavesSlice(rows, one, K, 1, leaves, 3, 0, 6);
  const two = new Float64Array(6 * K);
  addLeavesSlice(rows, two, K, 1, leaves, 3, 3, 6);
  addLeavesSlice(rows, two, K, 1, leaves, 3, 0, 3);
  expect(Array.from(one)).toEqual([0, 1.5, 0, -2, 0, -2, 0, 0.25, 0, 1.5, 0, -2]);
  expect(two).toEqual(one);
});

describe('gradients rounded as they are computed (losses with bounded gradients)', () => {
  const n = 5_000;
  const rng = createRng(21);
  const raw = Float64Array.from({ length: n * 3 }, () => (rng.next() - 0.5) * 40);
  const cases = [
    { name: 'binary', loss: lossFor('binary', 2, 'squared', []), y: Int32Array.from({ length: n }, () => rng.int(2)), weights: null, K: 1 },
    { name: 'multiclass, weighted', loss: lossFor('multiclass', 3, 'squared', []), y: Int32Array.from({ length: n }, () => rng.int(3)), weights: Float64Array.from({ length: n }, () => 0.5 + rng.int(4)), K: 3 },
  ];
  test.each(cases)('$name: one pass in any split gives the bytes of computing, then rounding on the bound grid, and no value leaves it', ({ loss, y, weights, K }) => {
    const b = { loss, y, weights, raw: raw.subarray(0, n * K), outputs: K };
    const grid = fixedGrid(b, n)!;
    const most = weights ? Math.max(...weights) : 1;
    expect(grid).toEqual([gridStep(most, n), gridStep(0.25 * most, n)]);
    const expected = { channels: 1, grad: new Float64Array(n), hess: new Float64Array(n) };
    gradientSlice(b, expected, K - 1, 0, n, new Float64Array(2), 0);
    // The bound holds: every value is within 2^30 grid steps, so rounding through an int32 is exact.
    expect(maxAbs(expected.grad, 0, n) / grid[0]).toBeLessThanOrEqual(2 ** 30);
    expect(maxAbs(expected.hess, 0, n) / grid[1]).toBeLessThanOrEqual(2 ** 30);
    quantizeSlice(expected, 0, n, grid[0], grid[1]);
    for (const cuts of [[0, n], [0, 1, 2_049, 4_096, n], [0, 777, n]]) {
      const g = { channels: 1, grad: new Float64Array(n), hess: new Float64Array(n) };
      for (let c = cuts.length - 2; c >= 0; c--) gradientsOnGrid(b, g, K - 1, cuts[c], cuts[c + 1], grid[0], grid[1]);
      expect(Buffer.from(g.grad.buffer).equals(Buffer.from(expected.grad.buffer))).toBe(true);
      expect(Buffer.from(g.hess.buffer).equals(Buffer.from(expected.hess.buffer))).toBe(true);
    }
  });

  test('a loss without bounds (squared error) keeps the grid of each round', () => {
    expect(fixedGrid({ loss: lossFor('regression', 0, 'squared', [1, 2]), y: new Float32Array(2), weights: null, raw: new Float64Array(2), outputs: 1 }, 2)).toBeNull();
  });
});
