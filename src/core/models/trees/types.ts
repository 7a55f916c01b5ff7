/**
 * Tree ensembles as plain JSON: what the GBDT and forest trainers produce, what a run stores
 * (`trees.json`), and what every export path (scorer.mjs, ONNX, SQL) reads.
 */
import type { Task } from '../../recipe';

/**
 * One tree in flat arrays. Internal nodes are 0..m-1 (node 0 is the root when m > 0); a child
 * index c < 0 names leaf ~c (that is, -c - 1). A tree with no split is the single leaf 0.
 */
export interface Tree {
  /** Feature (column of X) tested by each internal node. */
  feature: number[];
  /** Numeric nodes: a row goes left when its value, as a float32, is <= threshold (itself a float32). */
  threshold: number[];
  /**
   * Categorical nodes: the category codes (from an ordinal encoding, sorted ascending) that go
   * left; every other known code goes right. null for numeric nodes.
   */
  categories: (number[] | null)[];
  /** Where a missing value goes: NaN, and for categorical features any code < 0. true = left. */
  missingLeft: boolean[];
  left: number[];
  right: number[];
  /** Training weight reaching each internal node (sum of hessians for GBDT, of row weights for forests), for TreeSHAP. */
  cover: number[];
  /** `width` values per leaf, leaf-major. */
  leafValue: number[];
  /** Training weight reaching each leaf. */
  leafCover: number[];
  /** Split gain per internal node (loss reduction), for importance. */
  gain: number[];
}

/**
 * A trained ensemble. Raw scores: `base`, plus each tree's leaf values added at `treeOutput[t]`
 * (summed, or averaged over the trees for a forest), then `link`:
 * - `sigmoid` (binary GBDT, one raw score = log-odds of class 1),
 * - `softmax` (multiclass GBDT, one raw score per class),
 * - `identity` (regression; forests, whose leaves already hold class probabilities).
 */
export interface TreeEnsemble {
  kind: 'trees';
  modelKind: 'gbdt' | 'forest';
  task: Task;
  /** Classes (classification); 1 for regression. */
  numClasses: number;
  /** Raw scores per row: 1 (binary, regression) or numClasses (multiclass). */
  outputs: number;
  /** Leaf values per leaf: 1, or numClasses for a multiclass forest. */
  width: number;
  base: number[];
  trees: Tree[];
  treeOutput: number[];
  aggregate: 'sum' | 'average';
  link: 'identity' | 'sigmoid' | 'softmax';
  /** Feature count d of X. */
  features: number;
  /** Features split as categories (codes from an ordinal encoding). */
  categorical: number[];
}
