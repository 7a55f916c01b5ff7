import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { DeployError, measureLatency, portableOf, scorerClassicScript, scorerModule } from '../../../../src/core/deploy';
import { probabilities, rawScores } from '../../../../src/core/models/trees/predictTrees';
import type { TreeEnsemble } from '../../../../src/core/models';
import type { FittedRecipe } from '../../../../src/core/recipe';
import { SHAPES, treesCase } from './randomTrees';
import { rowsOf, type ScorerModule } from './trainTiny';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-trees-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let written = 0;

/** scorer.mjs written to a temp file and imported, as a user would. */
async function scorerFor(fitted: FittedRecipe, ensemble: TreeEnsemble): Promise<ScorerModule> {
  const source = scorerModule(fitted, portableOf({ fitted, model: { kind: 'trees', ensemble } }), { name: 'trees', version: 1 });
  const path = join(dir, `scorer-${written++}.mjs`);
  writeFileSync(path, source);
  return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as ScorerModule;
}

/** predictTrees.ts in doubles: raw scores for regression, probabilities otherwise. */
function reference(e: TreeEnsemble, X: Float32Array, n: number): Float64Array {
  const raw = rawScores(e, X, n);
  return e.task === 'regression' ? raw : probabilities(e, raw, n);
}

describe.each(SHAPES)('scorer.mjs for a %s ensemble', (shape) => {
  test('agrees with predictTrees to 1e-9 relative, with NaN, missing and unseen categories', async () => {
    const { table, fitted, x, ensemble } = treesCase(shape, { trees: 40, depth: 5, seed: SHAPES.indexOf(shape) + 1 });
    const scorer = await scorerFor(fitted, ensemble);
    const ref = reference(ensemble, x.X, x.n);
    const scored = scorer.predict(rowsOf(table));
    const k = fitted.task === 'regression' ? 1 : fitted.classes!.length;
    let worst = 0;
    for (let i = 0; i < x.n; i++) {
      const s = scored[x.rows[i]];
      if ('error' in s) throw new Error(`row ${x.rows[i]} refused: ${s.error}`);
      if ('value' in s) {
        worst = Math.max(worst, Math.abs(s.value - ref[i]) / Math.max(1, Math.abs(ref[i])));
        continue;
      }
      let best = 0;
      fitted.classes!.forEach((c, j) => {
        worst = Math.max(worst, Math.abs(s.probabilities[c] - ref[i * k + j]) / Math.max(1e-300, Math.abs(ref[i * k + j])));
        if (ref[i * k + j] > ref[i * k + best]) best = j;
      });
      expect(s.label).toBe(fitted.classes![best]);
    }
    expect(x.n).toBe(table.rowCount);
    expect(worst).toBeLessThanOrEqual(1e-9);
  });
});

describe('scorer.mjs with trees', () => {
  test('the edited rows really exercise missing and unseen values', () => {
    const { fitted, x } = treesCase('binary-gbdt');
    const city = fitted.featureNames.indexOf('city');
    const b = fitted.featureNames.indexOf('b');
    const d = fitted.featureNames.length;
    expect(x.X[0 * d + city]).toBe(-1);
    expect(x.X[1 * d + city]).toBe(-1);
    expect(Number.isNaN(x.X[3 * d + b])).toBe(true);
  });

  test('the classic-script form gives the same predictions as the module', async () => {
    const { table, fitted, ensemble } = treesCase('multiclass-forest');
    const module = await scorerFor(fitted, ensemble);
    const script = scorerClassicScript(fitted, portableOf({ fitted, model: { kind: 'trees', ensemble } }), { name: 'trees', version: 1 });
    const scope: { ModelbenchScorer?: ScorerModule } = {};
    new Function('globalThis', script)(scope);
    const rows = rowsOf(table).slice(0, 50);
    expect(scope.ModelbenchScorer!.predict(rows)).toEqual(module.predict(rows));
  });

  test('a bad row still gets an error, not a prediction', async () => {
    const { fitted, ensemble } = treesCase('regression-gbdt');
    const scorer = await scorerFor(fitted, ensemble);
    expect(scorer.predictOne({ a: 1, b: 'twelve', c: 1, city: 'Oslo', color: 'red' })).toHaveProperty('error');
    expect(scorer.predictOne({ a: null, b: null, c: null, city: null, color: null })).toHaveProperty('value');
  });

  test('an ensemble that does not match the recipe is refused with DeployError', () => {
    const { fitted, ensemble } = treesCase('binary-gbdt');
    expect(() => portableOf({ fitted, model: { kind: 'trees', ensemble: { ...ensemble, features: ensemble.features + 1 } } })).toThrow(DeployError);
    expect(() => portableOf({ fitted, model: { kind: 'trees', ensemble: { ...ensemble, task: 'regression' } } })).toThrow(DeployError);
  });

  test('single-row latency of a 300-tree depth-6 ensemble (printed, not asserted)', async () => {
    const { table, fitted, ensemble } = treesCase('binary-gbdt', { trees: 300, depth: 6, seed: 11 });
    const scorer = await scorerFor(fitted, ensemble);
    const rows = rowsOf(table);
    const batch = Array.from({ length: 1000 }, (_, i) => rows[i % rows.length]);
    const report = await measureLatency((i) => scorer.predictOne(rows[i % rows.length]), () => scorer.predict(batch), { path: 'scorer.mjs', calls: 20_000, warmup: 2000 });
    const nodes = ensemble.trees.reduce((s, t) => s + t.feature.length, 0);
    console.log(`scorer.mjs, 300 trees depth 6 (${nodes} splits): p50 ${report.single.p50Us.toFixed(2)} µs, p99 ${report.single.p99Us.toFixed(2)} µs, batch ${Math.round(report.batch.rowsPerSecond)} rows/s`);
    expect(report.single.calls).toBe(20_000);
  });
});
