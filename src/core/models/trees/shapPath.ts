/**
 * The path arithmetic of TreeSHAP's Algorithm 2 (EXTEND, UNWIND, and UNWOUNDSUM folded into the
 * crediting of a leaf), over the flat scratch path that `treeShap` walks with.
 */
import type { Tree } from './types';

/**
 * Scratch for one call. The path of every recursion level lives in one flat stack of
 * structure-of-arrays (feature, zero fraction, one fraction, permutation weight), so the walk
 * allocates nothing per node, row or tree.
 */
export interface Walk {
  tree: Tree;
  /** Per internal node of `tree`, the share of its cover that goes left. */
  leftFrac: Float64Array;
  X: ArrayLike<number>;
  /** Index in X of the row's first feature. */
  at: number;
  width: number;
  d: number;
  /** 1, or 1/T for an averaged forest. */
  scale: number;
  phi: Float64Array;
  /** Index in phi of (row, first output of this tree, feature 0). */
  phiAt: number;
  feat: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  pw: Float64Array;
  /** recip[k] = 1/k, for 1 <= k <= deepest path + 1. */
  recip: Float64Array;
  /** Scratch filled per leaf: (depth − i)/(i + 1). */
  ratio: Float64Array;
}

/** EXTEND: appends an edge (feature `pf`, fractions `pz`, `po`) and updates the permutation weights. */
export function extend(w: Walk, s: number, depth: number, pz: number, po: number, pf: number): void {
  const { feat, zero, one, pw } = w;
  feat[s + depth] = pf;
  zero[s + depth] = pz;
  one[s + depth] = po;
  pw[s + depth] = depth === 0 ? 1 : 0;
  const inv = 1 / (depth + 1);
  for (let i = depth - 1; i >= 0; i--) {
    pw[s + i + 1] += po * pw[s + i] * (i + 1) * inv;
    pw[s + i] = pz * pw[s + i] * (depth - i) * inv;
  }
}

/** UNWIND: removes element `p` (a feature met again lower down) and undoes its weight updates. */
export function unwind(w: Walk, s: number, depth: number, p: number): void {
  const { feat, zero, one, pw } = w;
  const po = one[s + p];
  const pz = zero[s + p];
  let next = pw[s + depth];
  for (let i = depth - 1; i >= 0; i--) {
    if (po !== 0) {
      const tmp = pw[s + i];
      pw[s + i] = (next * (depth + 1)) / ((i + 1) * po);
      next = tmp - (pw[s + i] * pz * (depth - i)) / (depth + 1);
    } else {
      pw[s + i] = (pw[s + i] * (depth + 1)) / (pz * (depth - i));
    }
  }
  for (let i = p; i < depth; i++) {
    feat[s + i] = feat[s + i + 1];
    zero[s + i] = zero[s + i + 1];
    one[s + i] = one[s + i + 1];
  }
}

/**
 * Credits leaf `leaf` to every feature on the path: each element's weight is the path's total
 * permutation weight with that element unwound (UNWOUNDSUM), times (one − zero). This is the
 * inner loop of the whole walk, so two shortcuts: every element with one = 0 (a cold edge)
 * unwinds to the same sum up to a factor 1/zero, taken once per leaf; and divisions become
 * products with reciprocals (they dominated the profile).
 */
export function credit(w: Walk, leaf: number, s: number, depth: number): void {
  const { feat, zero, one, pw, recip, ratio, phi, d } = w;
  const leafValue = w.tree.leafValue;
  const width = w.width;
  const d1 = depth + 1;
  let coldSum = 0;
  for (let i = 0; i < depth; i++) {
    coldSum += pw[s + i] * recip[depth - i];
    ratio[i] = (depth - i) * recip[i + 1];
  }
  for (let p = 1; p <= depth; p++) {
    const po = one[s + p];
    const pz = zero[s + p];
    let total = 0;
    if (po !== 0) {
      // UNWOUNDSUM's recurrence with its constant factors hoisted, so the loop-carried chain is one
      // multiply-subtract: next ← pw[i] − next·(zero/one)·(depth − i)/(i + 1).
      const q = pz / po;
      let next = pw[s + depth];
      for (let i = depth - 1; i >= 0; i--) {
        total += next * recip[i + 1];
        next = pw[s + i] - next * q * ratio[i];
      }
      total *= d1 / po;
    } else if (pz !== 0) {
      total = (coldSum * d1) / pz;
    }
    const c = total * (po - pz) * w.scale;
    const at = w.phiAt + feat[s + p];
    for (let k = 0; k < width; k++) phi[at + k * d] += c * leafValue[leaf * width + k];
  }
}
