/** Row steps shape training only: the bundle's scorer.mjs and model.onnx score every row they are given. */
import { afterAll, expect, test } from 'vitest';
import { strFromU8 } from 'fflate';
import { disposeModel } from '../../../../src/core/models';
import { buildBundle } from '../../../../src/core/deploy';
import type { Recipe } from '../../../../src/core/recipe';
import type { Table } from '../../../../src/core/table/types';
import { agreement } from './agreement';
import { cars, importScorer, rowsOf, trainTiny, type Tiny } from './trainTiny';

let tiny: Tiny | undefined;
afterAll(() => tiny && disposeModel(tiny.result.model));

const withRowSteps = (r: Recipe): Recipe => ({ ...r, steps: [{ kind: 'deduplicate' }, { kind: 'filter', column: 'Horsepower', op: '>', value: 100 }, ...r.steps] });

test('scorer.mjs and model.onnx ignore the row steps, and agree with the studio on every row', async () => {
  const table = cars();
  tiny = await trainTiny(table, 'Miles_per_Gallon', { kind: 'linear' }, withRowSteps);
  const { result } = tiny;
  expect(result.fitted.rowSteps?.map((s) => s.kind)).toEqual(['deduplicate', 'filter']);
  expect(result.rows.train + result.rows.test).toBeLessThan(table.rowCount - result.rows.missingTarget);
  const bundle = buildBundle({ name: 'cars', version: 1, fitted: result.fitted, model: { kind: 'tf', modelKind: 'linear', files: tiny.files! }, createdAt: '2026-01-02T03:04:05.000Z' });
  expect(strFromU8(bundle.files['scorer.mjs'])).not.toMatch(/deduplicate|"filter"/);
  expect(result.rows.removedByRowSteps).toBeGreaterThan(0);
  expect(strFromU8(bundle.files['README.md']).replace(/\\/g, '').replace(/&gt;/g, '>')).toContain("trained and tested on the rows left after the recipe's row steps (duplicate rows removed; kept only rows where `Horsepower` > 100). The scorer applies no row step: it scores every row it is given.");
  // Rows the filter would drop (Horsepower ≤ 100 or missing) are scored like any other.
  const scorer = await importScorer(strFromU8(bundle.files['scorer.mjs']));
  const rows = rowsOf(table);
  const scored = scorer.predict(rows);
  expect(scored).toHaveLength(table.rowCount);
  const small = rows.findIndex((r) => typeof r.Horsepower === 'number' && r.Horsepower < 80);
  expect(scored[small]).toHaveProperty('value');
  const features: Table = { ...table, columns: table.columns.filter((c) => c.name !== 'Miles_per_Gallon') };
  const a = await agreement(bundle, result.model, result.fitted, features);
  expect(a.rows).toBe(table.rowCount);
  expect(a.scorerDiff).toBeLessThan(1e-5);
  expect(a.onnxDiff).toBeLessThan(1e-5);
});
