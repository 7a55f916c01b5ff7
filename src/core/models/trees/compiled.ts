/**
 * A tree in typed arrays for fast scoring of many rows: categorical sets become bitsets over
 * their codes, so a node test is a few array reads whatever its kind. Same routing as `leafOf`.
 */
import type { Tree } from './types';

export interface CompiledTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  missingLeft: Uint8Array;
  /** Per node: offset of its bitset in `bits`, or −1 for numeric nodes. */
  setAt: Int32Array;
  /** Per node: words in its bitset. */
  setWords: Int32Array;
  bits: Uint32Array;
}

export function compileTree(tree: Tree): CompiledTree {
  const m = tree.feature.length;
  const setAt = new Int32Array(m).fill(-1);
  const setWords = new Int32Array(m);
  let words = 0;
  for (let i = 0; i < m; i++) {
    const cats = tree.categories[i];
    if (cats === null) continue;
    setAt[i] = words;
    setWords[i] = cats.length ? (cats[cats.length - 1] >> 5) + 1 : 0;
    words += setWords[i];
  }
  const bits = new Uint32Array(words);
  for (let i = 0; i < m; i++) for (const c of tree.categories[i] ?? []) bits[setAt[i] + (c >> 5)] |= 1 << (c & 31);
  return {
    feature: Int32Array.from(tree.feature),
    threshold: Float64Array.from(tree.threshold),
    left: Int32Array.from(tree.left),
    right: Int32Array.from(tree.right),
    missingLeft: Uint8Array.from(tree.missingLeft, (b) => (b ? 1 : 0)),
    setAt,
    setWords,
    bits,
  };
}

/** The leaf that the row of X starting at `at` reaches. */
export function compiledLeaf(t: CompiledTree, X: ArrayLike<number>, at: number): number {
  if (t.feature.length === 0) return 0;
  let node = 0;
  while (node >= 0) {
    const x = X[at + t.feature[node]];
    const set = t.setAt[node];
    let left: boolean;
    if (x !== x || (set >= 0 && x < 0)) left = t.missingLeft[node] === 1;
    else if (set < 0) left = Math.fround(x) <= t.threshold[node];
    else {
      const w = x >> 5;
      left = w < t.setWords[node] && (t.bits[set + w] & (1 << (x & 31))) !== 0;
    }
    node = left ? t.left[node] : t.right[node];
  }
  return ~node;
}
