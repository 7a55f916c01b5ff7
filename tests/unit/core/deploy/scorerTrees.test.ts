import { describe, expect, test } from 'vitest';
import { portableOf, scorerModule } from '../../../../src/core/deploy';
import { float32AtMost } from '../../../../src/core/deploy/treesSpec';
import { probabilities, rawScores } from '../../../../src/core/models/trees/predictTrees';
import { fitRecipe, transformRecipe } from '../../../../src/core/recipe';
import { createRng } from '../../../../src/core/stats';
import { randomEnsemble, treeRecipe, treesCase } from './randomTrees';
import { importScorer, rowsOf, tableOf } from './trainTiny';

/** 400 rows whose `airport` has 70 categories, so category masks span three 32-bit words. */
function wideTable(withUnseen: boolean) {
  const rng = createRng(5);
  const n = 400;
  const airport = Array.from({ length: n }, (_, i) => (i % 17 === 3 ? null : 'A' + String(i < 70 ? i : rng.int(70)).padStart(2, '0')));
  if (withUnseen) airport[1] = 'ZZZ';
  const a = Array.from({ length: n }, (_, i) => (i % 9 === 4 ? null : rng.normal() * 3));
  const y = Array.from({ length: n }, (_, i) => (i % 2 ? 'yes' : 'no'));
  return tableOf({ a, airport, y }, {}, 'wide');
}

describe('scorer.mjs tree layout', () => {
  test('categories past the first mask word, unseen and missing ones route as predictTrees does, bit for bit', async () => {
    const fitted = fitRecipe(wideTable(false), { ...treeRecipe('binary'), steps: [{ kind: 'encode', method: 'ordinal', columns: ['airport'] }] });
    const table = wideTable(true);
    const x = transformRecipe(fitted, table);
    // Trees of uneven depth (stumps, early leaves) in groups of four, and a remainder past the last group.
    const ensemble = randomEnsemble('binary-gbdt', fitted, x.X, x.n, { trees: 43, depth: 7, seed: 3 });
    const airport = fitted.featureNames.indexOf('airport');
    const codes = ensemble.trees.flatMap((t) => t.categories.filter((c) => c !== null).flat());
    expect(Math.max(...codes)).toBeGreaterThan(64);
    expect(ensemble.trees.some((t) => t.feature.includes(airport))).toBe(true);
    const scorer = await importScorer(scorerModule(fitted, portableOf({ fitted, model: { kind: 'trees', ensemble } }), { name: 'wide', version: 1 }));
    const ref = probabilities(ensemble, rawScores(ensemble, x.X, x.n), x.n);
    const scored = scorer.predict(rowsOf(table));
    for (let i = 0; i < x.n; i++) {
      const s = scored[x.rows[i]];
      if (!('probabilities' in s)) throw new Error(`row ${x.rows[i]}: ${JSON.stringify(s)}`);
      expect(s.probabilities.yes).toBe(ref[i * 2 + 1]);
      expect(s.probabilities.no).toBe(ref[i * 2]);
    }
  });

  test('a numeric feature too wide to table still splits by threshold, bit for bit (regression, a remainder past the last group of eight)', async () => {
    const { table, fitted, x, ensemble } = treesCase('regression-gbdt', { trees: 1203, depth: 9, seed: 11 });
    // scorerTrees.ts tables a numeric feature only up to 262,144 words (rows: distinct thresholds + 2; a bit per node):
    // the widest one here is over it, so the walk mixes table bits with threshold compares.
    const widest = Math.max(...fitted.featureNames.map((_, f) => {
      const nodes = ensemble.trees.flatMap((t) => t.feature.filter((g, i) => g === f && t.categories[i] === null));
      const cuts = new Set(ensemble.trees.flatMap((t) => t.threshold.filter((_, i) => t.feature[i] === f && t.categories[i] === null).map((v) => float32AtMost(v))));
      return (cuts.size + 2) * Math.ceil(nodes.length / 32);
    }));
    expect(widest).toBeGreaterThan(262_144);
    const scorer = await importScorer(scorerModule(fitted, portableOf({ fitted, model: { kind: 'trees', ensemble } }), { name: 'wide-numbers', version: 1 }));
    const ref = rawScores(ensemble, x.X, x.n);
    const scored = scorer.predict(rowsOf(table));
    for (let i = 0; i < x.n; i++) {
      const s = scored[x.rows[i]];
      if (!('value' in s)) throw new Error(`row ${x.rows[i]}: ${JSON.stringify(s)}`);
      expect(s.value).toBe(ref[i]);
    }
  });
});
