/**
 * DuckDB's form of a tree ensemble: no CASE per node, but bit masks over each tree's leaves, as
 * QuickScorer (Lucchese et al., 2015) evaluates trees. Nested CASE splits DuckDB's vectors at every
 * node, and cost it about nine times what scorer.mjs spends per tree; here each tree is a few
 * whole-vector array lookups and integer operations.
 *
 * - Per feature a tree splits on, each row gets a bin once for the whole ensemble: 1 for missing,
 *   then 2 + the count of the ensemble's bounds on that feature below the value (numeric), or the
 *   code + 2 (categorical; codes no set holds share the last bin).
 * - A tree's leaves are numbered left to right, one bit each. A node that sends the row right rules
 *   out its left subtree's leaves; for every bin the ensemble defines, the tree's array on that
 *   feature holds the leaves its nodes on the feature leave standing.
 * - The AND of a tree's arrays at the row's bins leaves the exit leaf as the lowest bit standing;
 *   `m & -m` isolates it and `% 67` turns it into the leaf value's slot in a constant list.
 * The constants are LISTs: DuckDB indexes them no slower than fixed-size ARRAYs, and builds them faster.
 * The result is a projection of the rows (no join, no sort), so the scored rows keep the input's order.
 * Splits read exactly as treeCase.ts writes them (the same float32 bounds, missing directions and
 * code rules), so both forms pick the same leaf and the sums agree bit for bit.
 */
import type { Tree, TreeEnsemble } from '../../models';
import { float32AtMost } from '../treesSpec';
import type { SqlChain } from './sqlChain';
import { leftBound } from './treeCase';

/** Leaves one mask tells apart (63 bits and a mask of 0); a tree with more is written as nested CASE. */
const MAX_LEAVES = 64;
/** Largest category code written into the arrays; a larger one sends the ensemble to nested CASE (arrays of that length per tree cost more text than they save). */
const MAX_CODE = 1023;

/** What a node splits on: numeric and categorical uses of one feature get separate bins. */
const keyOf = (tree: Tree, i: number) => `${tree.feature[i]}:${tree.categories[i] === null ? 'n' : 'c'}`;

interface Bins {
  /** Numeric: the ensemble's finite bounds on the feature, ascending. Categorical: empty. */
  bounds: number[];
  /** Categorical: the largest code a set holds (-1 for none). */
  top: number;
  cat: boolean;
  /** Bins: 1 missing, then 2 + bound index (numeric) or 2 + code, and one past every code a set holds. */
  count: number;
  /** Numeric: each bound's index in `bounds`. */
  index: Map<number, number>;
  /** The quoted bin column. */
  column: string;
}

/** Whether the mask form can write `e`: every tree within one mask and every category code within the arrays. */
export function maskable(e: TreeEnsemble): boolean {
  return e.trees.every((t) => t.feature.length < MAX_LEAVES && t.categories.every((c) => c === null || c.every((v) => !(v > MAX_CODE))));
}

const boundOf = (tree: Tree, i: number) => leftBound(float32AtMost(tree.threshold[i]));

/** `2 + #(bounds below x)` by binary search over bounds[lo, hi). */
function searchBins(x: string, bounds: number[], lo: number, hi: number, chain: SqlChain): string {
  if (lo === hi) return String(lo + 2);
  const mid = (lo + hi) >> 1;
  return `CASE WHEN ${x} <= ${chain.d.num(bounds[mid])} THEN ${searchBins(x, bounds, lo, mid, chain)} ELSE ${searchBins(x, bounds, mid + 1, hi, chain)} END`;
}

/** One CTE of bin columns, one per (feature, kind) a split reads; `keep` passes the features on. */
function binColumns(chain: SqlChain, e: TreeEnsemble, features: string[]): Map<string, Bins> {
  const { d } = chain;
  const found = new Map<string, { f: number; bounds: Set<number>; top: number; cat: boolean }>();
  for (const tree of e.trees) {
    tree.feature.forEach((f, i) => {
      const key = keyOf(tree, i);
      const at = found.get(key) ?? { f, bounds: new Set<number>(), top: -1, cat: tree.categories[i] !== null };
      const cats = tree.categories[i];
      if (cats === null) {
        const b = boundOf(tree, i);
        if (Number.isFinite(b)) at.bounds.add(b);
      } else for (const c of cats) if (c >= 0 && Number.isInteger(c)) at.top = Math.max(at.top, c);
      found.set(key, at);
    });
  }
  const bins = new Map<string, Bins>();
  const columns = [...found].map(([key, at]) => {
    const x = features[at.f];
    const column = chain.col(`bin_${key.replace(':', '_')}`);
    const bounds = [...at.bounds].sort((a, b) => a - b);
    const count = at.cat ? at.top + 3 : bounds.length + 2;
    bins.set(key, { bounds, top: at.top, cat: at.cat, count, column, index: new Map(bounds.map((b, j) => [b, j])) });
    // As scorerTrees.ts reads codes: NULL or negative is missing; a fraction, or a code no set holds, is in no set.
    const expression = at.cat
      ? `(CASE WHEN ${x} IS NULL OR ${x} < ${d.num(0)} THEN 1 WHEN ${x} <= ${d.num(at.top)} AND ${x} = ${d.floor(x)} THEN CAST(${x} AS INTEGER) + 2 ELSE ${at.top + 3} END)`
      : `(CASE WHEN ${x} IS NULL THEN 1 ELSE ${searchBins(x, bounds, 0, bounds.length, chain)} END)`;
    return { name: column, expression };
  });
  chain.add([], columns);
  return bins;
}

/** Leaves numbered left to right: each leaf's position, and each internal node's left-subtree leaves as a mask. */
function leafOrder(tree: Tree): { position: number[]; leftMask: bigint[] } {
  const position: number[] = [];
  const leftMask: bigint[] = new Array(tree.feature.length).fill(0n);
  let next = 0;
  const walk = (node: number): bigint => {
    if (node < 0) {
      position[~node] = next;
      return 1n << BigInt(next++);
    }
    const l = walk(tree.left[node]);
    leftMask[node] = l;
    return l | walk(tree.right[node]);
  };
  walk(0);
  return { position, leftMask };
}

/** Whether node i sends a row in `bin` right (bins as Bins.count describes). */
function rightAt(tree: Tree, i: number, b: Bins): (bin: number) => boolean {
  const missingRight = !tree.missingLeft[i];
  const cats = tree.categories[i];
  if (cats !== null) {
    const left = new Set(cats);
    return (bin) => (bin === 1 ? missingRight : !left.has(bin - 2));
  }
  const bound = boundOf(tree, i);
  // Bins past the bound's index hold values above it; an infinite bound sends every value one way.
  const j = bound === Infinity ? Infinity : bound === -Infinity ? -1 : b.index.get(bound)!;
  return (bin) => (bin === 1 ? missingRight : bin - 2 > j);
}

/** Leaves a BIGINT mask holds: bits 0..62. The 64th leaf (the rightmost) is never ruled out, so it needs no bit: a mask of 0 means it. */
const MASK_BITS = 63n;
const LOW_BITS = (1n << MASK_BITS) - 1n;
/**
 * The lowest set bit of a mask, `m & -m`, is a power of two 2^k (k < 63) or 0; `% 67` sends each to
 * its own slot (2 generates every residue mod 67, none is 0), so leaf values sit at those slots.
 * Measured on 300 trees of depth 6 over 200,000 rows at one thread (DuckDB 1.5):
 * `bit_count(m XOR (m - 1))` counted bits in a loop (27 ns a tree, 1.6 s); this takes 8 ns.
 */
const SLOTS = 67;
const slotOf = (position: number) => (position === Number(MASK_BITS) ? 0 : Number((1n << BigInt(position)) % BigInt(SLOTS)));

/**
 * Adds the ensemble's CTEs (bins, each tree's exit mask, each tree's value per output slot) and
 * returns, per tree, its value column per slot (`[tree][w]`).
 */
export function maskTrees(chain: SqlChain, e: TreeEnsemble, features: string[]): string[][] {
  const { d } = chain;
  const bins = e.trees.some((t) => t.feature.length > 0) ? binColumns(chain, e, features) : new Map<string, Bins>();
  const masks: { name: string; expression: string }[] = [];
  const values: string[][] = [];
  const valueColumns: { name: string; expression: string }[] = [];
  e.trees.forEach((tree, t) => {
    const slot = (w: number) => chain.col(e.width === 1 ? `tree_${t}` : `tree_${t}_${w}`);
    values.push(Array.from({ length: e.width }, (_, w) => slot(w)));
    if (tree.feature.length === 0) {
      for (let w = 0; w < e.width; w++) valueColumns.push({ name: slot(w), expression: d.num(tree.leafValue[w]) });
      return;
    }
    const { position, leftMask } = leafOrder(tree);
    const full = ((1n << BigInt(position.length)) - 1n) & LOW_BITS;
    const lookups = [...new Set(tree.feature.map((_, i) => keyOf(tree, i)))].map((key) => {
      const b = bins.get(key)!;
      const entries: bigint[] = new Array(b.count).fill(full);
      tree.feature.forEach((_, i) => {
        if (keyOf(tree, i) !== key) return;
        const right = rightAt(tree, i, b);
        for (let k = 0; k < b.count; k++) if (right(k + 1)) entries[k] &= ~leftMask[i];
      });
      return `CAST([${entries.join(', ')}] AS BIGINT[])[${b.column}]`;
    });
    const mask = chain.col(`mask_${t}`);
    masks.push({ name: mask, expression: lookups.join(' & ') });
    const at = `(${mask} & -${mask}) % ${SLOTS} + 1`;
    const slots = position.map(slotOf);
    for (let w = 0; w < e.width; w++) {
      const bySlot: string[] = new Array(Math.max(...slots) + 1).fill('0');
      slots.forEach((s, l) => (bySlot[s] = d.num(tree.leafValue[l * e.width + w])));
      valueColumns.push({ name: slot(w), expression: `CAST([${bySlot.join(', ')}] AS DOUBLE[])[${at}]` });
    }
  });
  if (masks.length) chain.add([], masks);
  chain.add([], valueColumns);
  return values;
}
