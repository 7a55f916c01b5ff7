import type { TreeEnsemble } from '../models';
import { treeDepth } from './treesSpec';

/** What the model card says about a tree ensemble. */
export interface TreeSummary {
  /** In words: `gradient-boosted trees` or `random forest`. */
  kind: string;
  trees: number;
  /** Splits on the longest root-to-leaf path of any tree. */
  maxDepth: number;
  /** Boosting rounds (GBDT: trees ÷ trees per round, one per class for multiclass); null for a forest. */
  rounds: number | null;
  /** Features by total split gain over every tree, largest first (at most `top`), with their share of the total. */
  topFeatures: { name: string; gain: number; share: number }[];
}

/** The model kind of an ensemble in words, as the studio and the card say it. */
export const treesKindWords = (e: Pick<TreeEnsemble, 'modelKind'>): string => (e.modelKind === 'forest' ? 'random forest' : 'gradient-boosted trees');

export function treeSummary(e: TreeEnsemble, featureNames: readonly string[], top = 10): TreeSummary {
  const gain = new Float64Array(e.features);
  let total = 0;
  for (const tree of e.trees) {
    tree.feature.forEach((f, i) => {
      const g = tree.gain[i];
      // A gain that is not a finite positive number says nothing about importance.
      if (!(g > 0) || !Number.isFinite(g)) return;
      gain[f] += g;
      total += g;
    });
  }
  const order = Array.from(gain.keys()).filter((f) => gain[f] > 0).sort((a, b) => gain[b] - gain[a] || a - b);
  const perRound = e.modelKind === 'gbdt' && e.task === 'multiclass' ? e.outputs : 1;
  return {
    kind: treesKindWords(e),
    trees: e.trees.length,
    maxDepth: e.trees.reduce((m, t) => Math.max(m, treeDepth(t)), 0),
    rounds: e.modelKind === 'forest' ? null : Math.ceil(e.trees.length / perRound),
    topFeatures: order.slice(0, top).map((f) => ({ name: featureNames[f] ?? `feature ${f}`, gain: gain[f], share: gain[f] / total })),
  };
}
