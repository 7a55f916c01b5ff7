/**
 * A tree ensemble laid out for scorer.mjs: every tree's nodes in shared flat arrays, so the
 * runtime walks typed arrays in one tight loop. Node and leaf indices are global; a child c < 0
 * names global leaf ~c, as in `Tree`. Shipped as base64 of little-endian typed arrays (leaf values
 * as float64, so they keep every bit) and plain JSON for the few scalars.
 */
import type { Tree, TreeEnsemble } from '../models';
import { base64, doublesBase64, floatsBase64, int32sBase64 } from './base64';

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * The largest float32 that is <= v. For a float32 x, `x <= v` iff `x <= float32AtMost(v)`, so a
 * threshold stored as float32 (scorer.mjs, ONNX) splits exactly as `Math.fround(x) <= v` does even
 * if a trainer ever writes a threshold that is not itself a float32.
 */
export function float32AtMost(v: number): number {
  const f = Math.fround(v);
  if (!(f > v)) return f;
  F32[0] = f;
  if (f > 0) U32[0]--;
  else if (f === 0) U32[0] = 0x80000001;
  else U32[0]++;
  return F32[0];
}

/** `SPEC.model.trees` of scorer.mjs. */
export interface TreesSpec {
  outputs: number;
  width: number;
  numClasses: number;
  aggregate: 'sum' | 'average';
  link: 'identity' | 'sigmoid' | 'softmax';
  /** Raw-score offsets, as JSON numbers (exact for doubles). */
  base: number[];
  count: number;
  /** Int32 per tree: the global root node, or ~leaf for a tree with no split. */
  root: string;
  /** Int32 per tree: splits on its longest path. */
  depth: string;
  /** Int32 per tree: first raw score its leaves add to. */
  out: string;
  /** Int32 per node. */
  feature: string;
  /** Float32 per node (numeric nodes; 0 for categorical ones). */
  threshold: string;
  /** Int32 per node: -1 for numeric nodes, else the index of its category set. */
  cat: string;
  /** One byte per node: 1 when missing values go left. */
  missingLeft: string;
  left: string;
  right: string;
  /** Int32: set s holds catValues[catStart[s] .. catStart[s + 1]), sorted ascending. */
  catStart: string;
  catValues: string;
  /** Float64, `width` per global leaf. */
  leaf: string;
}

export function treesSpec(e: TreeEnsemble): TreesSpec {
  const feature: number[] = [];
  const threshold: number[] = [];
  const cat: number[] = [];
  const missingLeft: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const catStart: number[] = [0];
  const catValues: number[] = [];
  const leaf: number[] = [];
  const root: number[] = [];
  const depth: number[] = [];
  let leafOffset = 0;
  for (const tree of e.trees) {
    const nodeOffset = feature.length;
    const child = (c: number) => (c >= 0 ? c + nodeOffset : ~(~c + leafOffset));
    root.push(tree.feature.length === 0 ? ~leafOffset : nodeOffset);
    depth.push(treeDepth(tree));
    tree.feature.forEach((f, i) => {
      const cats = tree.categories[i];
      feature.push(f);
      threshold.push(cats === null ? float32AtMost(tree.threshold[i]) : 0);
      missingLeft.push(tree.missingLeft[i] ? 1 : 0);
      left.push(child(tree.left[i]));
      right.push(child(tree.right[i]));
      if (cats === null) cat.push(-1);
      else {
        cat.push(catStart.length - 1);
        // Codes are ordinal indices; a negative one could never match (it reads as missing).
        catValues.push(...cats.filter((c) => c >= 0 && Number.isInteger(c)).sort((a, b) => a - b));
        catStart.push(catValues.length);
      }
    });
    for (const v of tree.leafValue) leaf.push(v);
    leafOffset += tree.leafValue.length / e.width;
  }
  return {
    outputs: e.outputs,
    width: e.width,
    numClasses: e.numClasses,
    aggregate: e.aggregate,
    link: e.link,
    base: [...e.base],
    count: e.trees.length,
    root: int32sBase64(root),
    depth: int32sBase64(depth),
    out: int32sBase64(e.treeOutput),
    feature: int32sBase64(feature),
    threshold: floatsBase64(Float32Array.from(threshold)),
    cat: int32sBase64(cat),
    missingLeft: base64(Uint8Array.from(missingLeft)),
    left: int32sBase64(left),
    right: int32sBase64(right),
    catStart: int32sBase64(catStart),
    catValues: int32sBase64(catValues),
    leaf: doublesBase64(leaf),
  };
}

/** Splits on the longest root-to-leaf path (0 for a tree with no split). */
export function treeDepth(tree: Tree): number {
  if (tree.feature.length === 0) return 0;
  let max = 0;
  const stack: [number, number][] = [[0, 1]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of [tree.left[node], tree.right[node]]) if (c >= 0) stack.push([c, d + 1]);
  }
  return max;
}
