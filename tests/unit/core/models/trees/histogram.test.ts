/**
 * Histograms on quantised gradients: the larger child derived as parent − smaller child equals
 * the one summed directly, bit for bit, and a builder that splits the work differently (rows in
 * halves, features in another order) grows the same tree. Without quantisation neither holds.
 */
import { describe, expect, test } from 'vitest';
import type { BinnedData } from '../../../../../src/core/models/trees/binning';
import { growTree, histPool, type GrowParams } from '../../../../../src/core/models/trees/grow';
import { histLength, histogramSlice, subtractInto, type Gradients, type HistogramBuilder } from '../../../../../src/core/models/trees/histogram';
import { joinChunks, joinHalves, partitionSlice } from '../../../../../src/core/models/trees/rowPasses';
import { serialBuilder } from '../../../../../src/core/models/trees/rowTeam';
import { quantizeInPlace } from '../../../../../src/core/models/trees/quantize';
import { bestSplit } from '../../../../../src/core/models/trees/split';
import { createRng } from '../../../../../src/core/stats';
import { allFeatures, binAll, expectBitIdentical, goesLeft, identityRows, nodeHistogram, randomGradients, splitParams, tiedNumeric } from './treeFixtures';

/**
 * Splits the root at its best split and returns the larger child's histogram both ways:
 * summed directly, and as parent − smaller child.
 */
function childHistograms(data: BinnedData, g: Gradients): { direct: Float64Array; derived: Float64Array } {
  const all = identityRows(data.n);
  const features = allFeatures(data.d);
  const parent = nodeHistogram(data, g, all);
  const split = bestSplit(parent.hist, features, data.features, parent.total, splitParams({ channels: g.channels }))!;
  expect(split).not.toBeNull();
  const left = Uint32Array.from(Array.from(all).filter((r) => goesLeft(data, split, r)));
  const right = Uint32Array.from(Array.from(all).filter((r) => !goesLeft(data, split, r)));
  const [small, large] = left.length <= right.length ? [left, right] : [right, left];
  const derived = parent.hist;
  subtractInto(derived, nodeHistogram(data, g, small).hist, features, g.channels);
  return { direct: nodeHistogram(data, g, large).hist, derived };
}

/** Gradients spanning many magnitudes, as late boosting rounds produce. */
function wideGradients(seed: number, n: number, channels: number, quantize: boolean): Gradients {
  const rng = createRng(seed);
  const g = randomGradients(rng, n, channels, false);
  for (let i = 0; i < g.grad.length; i++) g.grad[i] *= 10 ** (rng.int(12) - 6);
  if (quantize) {
    quantizeInPlace(g.grad, n);
    quantizeInPlace(g.hess, n);
  }
  return g;
}

describe('the subtraction trick', () => {
  test.each([
    { seed: 1, n: 500, channels: 1 },
    { seed: 2, n: 2000, channels: 1 },
    { seed: 3, n: 777, channels: 3 },
    { seed: 4, n: 3000, channels: 5 },
  ])('parent − smaller child = larger child, bit for bit (seed $seed, $n rows, $channels channels)', ({ seed, n, channels }) => {
    const data = binAll(tiedNumeric(createRng(seed), n, 4, 0.1, [40, 200, 3, 7]));
    const { direct, derived } = childHistograms(data, wideGradients(seed, n, channels, true));
    expectBitIdentical(derived, direct);
  });

  test('quantised gradients sit on a power-of-two grid, within half a step of the originals', () => {
    const rng = createRng(9);
    const values = Float64Array.from({ length: 1000 }, () => rng.normal() * 1e3);
    const original = values.slice();
    const step = quantizeInPlace(values, 1000);
    expect(Math.log2(step)).toBe(Math.round(Math.log2(step)));
    for (let i = 0; i < values.length; i++) {
      expect(Number.isInteger(values[i] / step)).toBe(true);
      expect(Math.abs(values[i] - original[i])).toBeLessThanOrEqual(step / 2);
    }
  });

  test('without quantisation, derived and direct sums can differ (0.1 + 0.2 + 0.3 − 0.1 ≠ 0.2 + 0.3)', () => {
    // Three rows in one bin of feature 0; feature 1 (≤ 0 or not) puts row 0 alone in the smaller child.
    const data = binAll({ X: Float32Array.from([0, 0, 0, 1, 0, 1]), n: 3, d: 2, categorical: [] });
    const g: Gradients = { channels: 1, grad: Float64Array.from([0.1, 0.2, 0.3]), hess: new Float64Array(3).fill(1) };
    const parent = nodeHistogram(data, g, identityRows(3)).hist;
    subtractInto(parent, nodeHistogram(data, g, Uint32Array.from([0])).hist, allFeatures(2), 1);
    const direct = nodeHistogram(data, g, Uint32Array.from([1, 2])).hist;
    expect(parent[0]).not.toBe(direct[0]);
    expect(parent[0]).toBeCloseTo(direct[0], 12);
  });

  test('without quantisation, random wide gradients give a derived histogram that differs somewhere', () => {
    const data = binAll(tiedNumeric(createRng(5), 3000, 4, 0.1, [40, 200, 3, 7]));
    const { direct, derived } = childHistograms(data, wideGradients(5, 3000, 1, false));
    expect(direct.some((v, i) => !Object.is(v, derived[i]))).toBe(true);
  });
});

/**
 * Sums each node in two calls (second half of the rows first, features reversed) and adds them;
 * partitions each half on its own (second half first) and joins them, as two threads do.
 */
function halvesBuilder(data: BinnedData, g: Gradients, calls: { count: number; partitions: number }): HistogramBuilder {
  const scratch = new Float64Array(histLength(data.d, g.channels));
  const spill = new Uint32Array(data.n).fill(0xdeadbeef);
  return {
    partition(range, feature, left) {
      calls.partitions++;
      const { rows, begin, end } = range;
      const mid = begin + ((end - begin) >> 1);
      const leftB = partitionSlice(data.bins, feature * data.n, left, rows, mid, end, spill, mid);
      const leftA = partitionSlice(data.bins, feature * data.n, left, rows, begin, mid, spill, begin);
      return joinHalves(rows, spill, begin, mid, end, leftA, leftB);
    },
    build(hist, range, features) {
      calls.count++;
      const reversed = features.slice().reverse();
      const mid = range.begin + ((range.end - range.begin) >> 1);
      histogramSlice(data, g, hist, { ...range, begin: mid }, reversed, 0, reversed.length);
      histogramSlice(data, g, scratch, { ...range, end: mid }, reversed, reversed.length >> 1, reversed.length);
      histogramSlice(data, g, scratch, { ...range, end: mid }, reversed, 0, reversed.length >> 1);
      const len = hist.length / data.d;
      for (const f of features) for (let i = f * len; i < (f + 1) * len; i++) hist[i] += scratch[i];
    },
  };
}

/**
 * Cuts each node into chunks of `chunk` rows and gives them, in a shuffled order, to two
 * accumulating histograms (as the training thread and its helper claim them) and to chunked
 * partitions joined afterwards.
 */
function chunksBuilder(data: BinnedData, g: Gradients, chunk: number, calls: { count: number; partitions: number }): HistogramBuilder {
  const other = new Float64Array(histLength(data.d, g.channels));
  const spill = new Uint32Array(data.n).fill(0xdeadbeef);
  const rng = createRng(21);
  const shuffled = (count: number) => Array.from({ length: count }, (_, c) => c).sort(() => rng.next() - 0.5);
  return {
    partition(range, feature, left) {
      calls.partitions++;
      const { rows, begin, end } = range;
      const counts = new Int32Array(Math.ceil((end - begin) / chunk));
      for (const c of shuffled(counts.length)) {
        const from = begin + c * chunk;
        counts[c] = partitionSlice(data.bins, feature * data.n, left, rows, from, Math.min(end, from + chunk), spill, from);
      }
      return joinChunks(rows, spill, begin, end, chunk, counts);
    },
    build(hist, range, features) {
      calls.count++;
      const len = hist.length / data.d;
      for (const f of features) {
        hist.fill(0, f * len, (f + 1) * len);
        other.fill(0, f * len, (f + 1) * len);
      }
      for (const c of shuffled(Math.ceil((range.end - range.begin) / chunk))) {
        const from = range.begin + c * chunk;
        histogramSlice(data, g, rng.next() < 0.5 ? hist : other, { ...range, begin: from, end: Math.min(range.end, from + chunk) }, features, 0, features.length, false);
      }
      for (const f of features) for (let i = f * len; i < (f + 1) * len; i++) hist[i] += other[i];
    },
  };
}

describe('growing with a builder that splits the work differently', () => {
  const params = (o: Partial<GrowParams>): GrowParams => ({ ...splitParams(o), maxLeaves: 31, maxDepth: 0, order: 'best', subtraction: true, featuresPerNode: null, ...o });

  test.each([
    { name: 'boosting (leaf-wise, subtraction)', channels: 1, p: params({ minSamplesLeaf: 5, l2: 1 }) },
    { name: 'forest (depth-first, 3 channels, per-node features)', channels: 3, p: params({ channels: 3, order: 'depth', subtraction: false, featuresPerNode: 2, maxLeaves: 200 }) },
  ])('$name: the same tree as the serial builder', ({ channels, p }) => {
    const n = 3000;
    const data = binAll(tiedNumeric(createRng(8), n, 5, 0.1, [100, 200, 250, 3, 30]));
    const g = wideGradients(8, n, channels, true);
    const grow = (builder: HistogramBuilder) => {
      const rows = identityRows(n);
      return growTree(data, g, rows, n, allFeatures(5), p, builder, histPool(data, channels), p.featuresPerNode ? createRng(4) : null);
    };
    const calls = { count: 0, partitions: 0 };
    const serial = grow(serialBuilder(data, g));
    expect(serial.tree.feature.length).toBeGreaterThan(10);
    for (const builder of [halvesBuilder(data, g, calls), chunksBuilder(data, g, 37, calls), chunksBuilder(data, g, 400, calls)]) {
      const split = grow(builder);
      expect(split.leafBegin).toEqual(serial.leafBegin);
      expect(split.tree).toEqual(serial.tree);
      expect(JSON.stringify(split.tree)).toBe(JSON.stringify(serial.tree));
    }
    expect(calls.count).toBeGreaterThan(15);
    expect(calls.partitions).toBeGreaterThan(30);
  });
});

describe('row-wise histograms (rowHistogram.ts) against one feature at a time over the columns', () => {
  test.each([
    { d: 1, unitHess: false },
    { d: 2, unitHess: false },
    { d: 3, unitHess: true },
    { d: 5, unitHess: false },
    { d: 6, unitHess: true },
    { d: 7, unitHess: false },
  ])('$d features, unit hessians $unitHess: the same sums for any rows and any feature subset', ({ d, unitHess }) => {
    const n = 2000;
    const rng = createRng(20 + d);
    const data = binAll(tiedNumeric(rng, n, d, 0.1, Array.from({ length: d }, (_, f) => [250, 24, 7, 3][f % 4])));
    expect(d < 2 ? data.byRow : data.byRow?.length).toBe(d < 2 ? undefined : n * d);
    const g = randomGradients(rng, n);
    if (unitHess) {
      g.hess.fill(1);
      g.unitHess = true;
    }
    const columns: BinnedData = { ...data, byRow: undefined };
    // Every third row, then a reversed feature subset (a tree's sampled features need not be in order).
    const rows = Uint32Array.from({ length: Math.floor(n / 3) }, (_, i) => i * 3);
    const subsets = [allFeatures(d), Int32Array.from(allFeatures(d).filter((f) => f !== 1).reverse())];
    // Row counts of every remainder: the loops read two or four rows at a time, then the rest.
    for (const fs of subsets) {
      for (const end of [rows.length, rows.length - 1, rows.length - 2, rows.length - 3, 8, 7, 6]) {
        const rowWise = new Float64Array(histLength(d, 1)).fill(7);
        const byColumn = new Float64Array(histLength(d, 1)).fill(7);
        histogramSlice(data, g, rowWise, { rows, begin: 5, end }, fs, 0, fs.length);
        histogramSlice(columns, g, byColumn, { rows, begin: 5, end }, fs, 0, fs.length);
        expectBitIdentical(rowWise, byColumn);
      }
    }
  });
});
