/**
 * Grows one tree on binned data: leaf-wise (the leaf with the largest gain splits next, up to
 * `maxLeaves`, as LightGBM does) or depth-first (forests, whose trees grow until leaves are
 * pure or small). A node's rows are a contiguous range of one row-index array, partitioned in
 * place at each split; with `subtraction`, only the smaller child's histogram is summed and the
 * larger one is its parent's minus it.
 */
import type { Rng } from '../../stats';
import { MISSING_BIN, SLOTS, type BinnedData } from './binning';
import { histLength, subtractInto, type Gradients, type HistogramBuilder } from './histogram';
import { bestSplit, type NodeSums, type Split, type SplitParams } from './split';
import type { Tree } from './types';

export interface GrowParams extends SplitParams {
  maxLeaves: number;
  /** 0 = no limit. */
  maxDepth: number;
  order: 'best' | 'depth';
  subtraction: boolean;
  /** Features tried at each node: all of the tree's (null), or a fresh sample of this many (forests). */
  featuresPerNode: number | null;
}

/** The largest finite float32: every finite value is <= it. */
const FLOAT32_MAX = 3.4028234663852886e38;

interface Node {
  begin: number;
  end: number;
  depth: number;
  sums: NodeSums;
  hist: Float64Array | null;
  split: Split | null;
  left?: Node;
  right?: Node;
}

/** The grown tree's splits in bin terms (preorder, as `tree`), to route binned rows without thresholds. */
export interface BinnedSplits {
  feature: Int32Array;
  /** Numeric: rows with bin <= bin go left; −1 for categorical nodes. */
  bin: Int32Array;
  /** Categorical: left bins as a mask over the bin slots (null for numeric nodes). */
  leftBins: (Uint8Array | null)[];
  missingLeft: Uint8Array;
}

/** A grown tree: the plain-JSON tree (leaf values = −G/(H + λ) per channel) and each leaf's rows. */
export interface Grown {
  tree: Tree;
  splits: BinnedSplits;
  /** Leaf l's rows are rows[leafBegin[l]..leafEnd[l]). */
  leafBegin: Int32Array;
  leafEnd: Int32Array;
}

/** Reuses histogram buffers across nodes and trees (each is d × 256 slots of doubles). */
export class HistPool {
  private free: Float64Array[] = [];
  constructor(private readonly length: number, private readonly allocate: (length: number) => Float64Array = (n) => new Float64Array(n)) {}
  take(): Float64Array {
    return this.free.pop() ?? this.allocate(this.length);
  }
  give(h: Float64Array | null): void {
    if (h) this.free.push(h);
  }
}

export function histPool(data: BinnedData, channels: number, allocate?: (length: number) => Float64Array): HistPool {
  return new HistPool(histLength(data.d, channels), allocate);
}

/**
 * Grows a tree over rows[0..count) (partitioned in place). `features` are the tree's candidate
 * features; `rng` samples per-node features when `featuresPerNode` is set.
 */
export function growTree(data: BinnedData, g: Gradients, rows: Uint32Array, count: number, features: Int32Array, p: GrowParams, builder: HistogramBuilder, pool: HistPool, rng: Rng | null): Grown {
  const C = g.channels;
  const nodeFeatures = (): Int32Array => {
    if (p.featuresPerNode === null || p.featuresPerNode >= features.length || !rng) return features;
    const pick = features.slice();
    for (let i = 0; i < p.featuresPerNode; i++) {
      const j = i + rng.int(pick.length - i);
      const t = pick[i];
      pick[i] = pick[j];
      pick[j] = t;
    }
    return pick.subarray(0, p.featuresPerNode).sort();
  };
  const canSplit = (node: Node) => node.end - node.begin >= 2 * p.minSamplesLeaf && (p.maxDepth === 0 || node.depth < p.maxDepth);
  const evaluate = (node: Node, fs: Int32Array, built: boolean) => {
    if (!built) {
      node.hist = pool.take();
      builder.build(node.hist, { rows, begin: node.begin, end: node.end }, fs);
    }
    node.split = bestSplit(node.hist!, fs, data.features, node.sums, p);
    if (!node.split || p.order === 'depth') {
      // Depth-first children get their own per-node histograms, so this one is done.
      if (!p.subtraction || !node.split) {
        pool.give(node.hist);
        node.hist = null;
      }
    }
  };

  const root: Node = { begin: 0, end: count, depth: 0, sums: { G: new Float64Array(C), H: 0, N: 0 }, hist: null, split: null };
  const open: Node[] = [];
  if (canSplit(root)) {
    const fs = nodeFeatures();
    root.hist = pool.take();
    builder.build(root.hist, { rows, begin: 0, end: count }, fs);
    root.sums = fs.length > 0 ? histogramSums(root.hist, fs[0], C) : rootSums(g, rows, count);
    evaluate(root, fs, true);
    if (root.split) open.push(root);
  } else root.sums = rootSums(g, rows, count);
  let leaves = 1;
  while (open.length > 0 && leaves < p.maxLeaves) {
    const node = p.order === 'best' ? takeBest(open) : open.pop()!;
    const split = node.split!;
    const mid = partition(builder, rows, node.begin, node.end, split);
    const left: Node = { begin: node.begin, end: mid, depth: node.depth + 1, sums: split.left, hist: null, split: null };
    const right: Node = { begin: mid, end: node.end, depth: node.depth + 1, sums: split.right, hist: null, split: null };
    node.left = left;
    node.right = right;
    leaves++;
    const wantL = canSplit(left);
    const wantR = canSplit(right);
    if (p.subtraction && node.hist && (wantL || wantR)) {
      const [small, large] = left.end - left.begin <= right.end - right.begin ? [left, right] : [right, left];
      small.hist = pool.take();
      builder.build(small.hist, { rows, begin: small.begin, end: small.end }, features);
      subtractInto(node.hist, small.hist, features, C);
      large.hist = node.hist;
      node.hist = null;
      for (const child of [left, right]) {
        if (canSplit(child)) evaluate(child, features, true);
        else {
          pool.give(child.hist);
          child.hist = null;
        }
      }
    } else {
      pool.give(node.hist);
      node.hist = null;
      if (wantL) evaluate(left, nodeFeatures(), false);
      if (wantR) evaluate(right, nodeFeatures(), false);
    }
    // Depth-first: push right first so the left subtree is finished first.
    for (const child of [right, left]) if (child.split) open.push(child);
  }
  for (const node of open) pool.give(node.hist);
  return toTree(root, data, C, p.l2);
}

function takeBest(open: Node[]): Node {
  let at = 0;
  for (let i = 1; i < open.length; i++) if (open[i].split!.gain > open[at].split!.gain) at = i;
  const node = open[at];
  open[at] = open[open.length - 1];
  open.pop();
  return node;
}

/**
 * The root's sums read off one feature's histogram (every row is in one of its slots): the same
 * values as summing the rows, since sums of quantised gradients are exact in any order, without
 * another pass over every row each round.
 */
function histogramSums(hist: Float64Array, feature: number, C: number): NodeSums {
  const S = C + 2;
  const G = new Float64Array(C);
  let H = 0;
  let N = 0;
  for (let b = 0, at = feature * SLOTS * S; b < SLOTS; b++, at += S) {
    for (let c = 0; c < C; c++) G[c] += hist[at + c];
    H += hist[at + C];
    N += hist[at + C + 1];
  }
  return { G, H, N };
}

function rootSums(g: Gradients, rows: Uint32Array, count: number): NodeSums {
  const C = g.channels;
  const G = new Float64Array(C);
  let H = 0;
  for (let i = 0; i < count; i++) {
    const r = rows[i];
    for (let c = 0; c < C; c++) G[c] += g.grad[r * C + c];
    H += g.hess[r];
  }
  return { G, H, N: count };
}

/** Which side each bin of a split goes (1 = left), for `partition` (one per thread). */
const sideOfBin = new Uint8Array(SLOTS);

/** Partitions a node's rows by its split (left rows first); returns the first right index. */
function partition(builder: HistogramBuilder, rows: Uint32Array, begin: number, end: number, s: Split): number {
  // Looked up once per row instead of tested.
  for (let b = 0; b < SLOTS; b++) sideOfBin[b] = (b === MISSING_BIN ? s.missingLeft : s.leftBins ? s.leftBins[b] === 1 : b <= s.bin) ? 1 : 0;
  return builder.partition({ rows, begin, end }, s.feature, sideOfBin);
}

/** Numbers internal nodes and leaves in preorder and writes the plain-JSON tree. */
function toTree(root: Node, data: BinnedData, C: number, l2: number): Grown {
  const tree: Tree = { feature: [], threshold: [], categories: [], missingLeft: [], left: [], right: [], cover: [], leafValue: [], leafCover: [], gain: [] };
  const begins: number[] = [];
  const ends: number[] = [];
  const nodes: Split[] = [];
  const visit = (node: Node): number => {
    if (!node.left || !node.right) {
      const leaf = tree.leafCover.length;
      for (let c = 0; c < C; c++) tree.leafValue.push(node.sums.H + l2 > 0 ? -node.sums.G[c] / (node.sums.H + l2) : 0);
      tree.leafCover.push(node.sums.H);
      begins.push(node.begin);
      ends.push(node.end);
      return ~leaf;
    }
    const s = node.split!;
    const id = tree.feature.length;
    const fb = data.features[s.feature];
    nodes.push(s);
    tree.feature.push(s.feature);
    // The last bin is unbounded (a split on missingness alone): the largest float32 keeps the tree JSON.
    tree.threshold.push(s.leftBins ? 0 : Math.min(fb.upper[s.bin], FLOAT32_MAX));
    tree.categories.push(s.leftBins ? leftCodes(s.leftBins, fb.codes) : null);
    tree.missingLeft.push(s.missingLeft);
    tree.cover.push(node.sums.H);
    tree.gain.push(s.gain);
    tree.left.push(0);
    tree.right.push(0);
    tree.left[id] = visit(node.left);
    tree.right[id] = visit(node.right);
    return id;
  };
  visit(root);
  const splits: BinnedSplits = {
    feature: Int32Array.from(tree.feature),
    bin: Int32Array.from(nodes, (s) => (s.leftBins ? -1 : s.bin)),
    leftBins: nodes.map((s) => s.leftBins),
    missingLeft: Uint8Array.from(tree.missingLeft, (b) => (b ? 1 : 0)),
  };
  return { tree, splits, leafBegin: Int32Array.from(begins), leafEnd: Int32Array.from(ends) };
}

function leftCodes(mask: Uint8Array, codes: number[][]): number[] {
  const out: number[] = [];
  for (let b = 0; b < codes.length; b++) if (mask[b]) out.push(...codes[b]);
  return out.sort((a, b) => a - b);
}

/** The leaf that row `row` of binned data reaches (column-major bins, `n` rows). */
export function binnedLeaf(t: BinnedSplits, tree: Tree, bins: Uint8Array, n: number, row: number): number {
  if (t.feature.length === 0) return 0;
  let node = 0;
  while (node >= 0) {
    const b = bins[t.feature[node] * n + row];
    const mask = t.leftBins[node];
    const left = b === MISSING_BIN ? t.missingLeft[node] === 1 : mask ? mask[b] === 1 : b <= t.bin[node];
    node = left ? tree.left[node] : tree.right[node];
  }
  return ~node;
}
