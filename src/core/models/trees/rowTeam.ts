/**
 * The row work of training, behind one interface whether one thread does it or two share it
 * (sharedHistogram.ts): histograms and partitions of nodes, and for boosting the gradients and
 * the raw-score updates of each round. Every pass gives the same bytes however its rows are split.
 */
import type { BinnedData } from './binning';
import type { Grown } from './grow';
import { histogramSlice, type Gradients, type HistogramBuilder } from './histogram';
import { gridStep } from './quantize';
import { addLeavesSlice, fixedGrid, gradientSlice, gradientsOnGrid, joinHalves, partitionSlice, quantizeSlice, type BoostRows } from './rowPasses';

export interface RowTeam {
  /** One per gradient set. */
  builders: HistogramBuilder[];
  /** Boosting: gradient set k from output k's raw scores, quantised for exact sums. */
  gradients(k: number): void;
  /**
   * Boosting: lets a helper start gradient set k's pass now, from the raw scores as they stand;
   * `gradients(k)` ends it. Until then the caller may read anything but must not write the raw scores.
   */
  prefetchGradients(k: number): void;
  /** Boosting: adds each leaf's value to output k's raw score of the rows it grew on. */
  addLeaves(k: number, grown: Grown, rows: Uint32Array): void;
  /** Threads working now (2 once a helper answers). */
  threads(): number;
  stop(): void;
}

/** A histogram builder on one thread, partitioning through `spill` (n rows, allocated on first use when not given). */
export function serialBuilder(data: BinnedData, g: Gradients, spill?: Uint32Array): HistogramBuilder {
  let buffer = spill ?? null;
  return {
    build: (hist, range, features) => histogramSlice(data, g, hist, range, features, 0, features.length),
    partition(range, feature, left) {
      buffer ??= new Uint32Array(data.n);
      const l = partitionSlice(data.bins, feature * data.n, left, range.rows, range.begin, range.end, buffer, range.begin);
      return joinHalves(range.rows, buffer, range.begin, range.end, range.end, l, 0);
    },
  };
}

/** Grids for both channels of a gradient set over n rows, from the largest magnitudes. */
export const steps = (maxima: Float64Array, n: number): [number, number] => [gridStep(maxima[0], n), gridStep(maxima[1], n)];

/** Writes a grown tree's leaves as [begin, end, value] triples (single-output trees); returns the leaf count. */
export function leafTable(grown: Grown, into: Float64Array): number {
  const count = grown.leafBegin.length;
  for (let l = 0; l < count; l++) {
    into[3 * l] = grown.leafBegin[l];
    into[3 * l + 1] = grown.leafEnd[l];
    into[3 * l + 2] = grown.tree.leafValue[l];
  }
  return count;
}

/** Everything on the calling thread. */
export function serialTeam(data: BinnedData, gs: Gradients[], boost: BoostRows | null): RowTeam {
  const spill = new Uint32Array(data.n);
  const maxima = new Float64Array(2);
  const grid = boost && fixedGrid(boost, data.n);
  let table = new Float64Array(0);
  return {
    builders: gs.map((g) => serialBuilder(data, g, spill)),
    gradients(k) {
      const g = gs[k];
      if (grid) return gradientsOnGrid(boost!, g, k, 0, data.n, grid[0], grid[1]);
      gradientSlice(boost!, g, k, 0, data.n, maxima, 0);
      const [sg, sh] = steps(maxima, data.n);
      quantizeSlice(g, 0, data.n, sg, sh);
    },
    prefetchGradients() {},
    addLeaves(k, grown, rows) {
      if (table.length < 3 * grown.leafBegin.length) table = new Float64Array(3 * grown.leafBegin.length);
      const count = leafTable(grown, table);
      addLeavesSlice(rows, boost!.raw, boost!.outputs, k, table, count, 0, rows.length);
    },
    threads: () => 1,
    stop() {},
  };
}
