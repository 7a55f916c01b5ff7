/** A feature that predicts the target almost perfectly is named as possible leakage, an identifier is not. */
import { expect, test } from 'vitest';
import { leakageWarnings } from '../../../../src/core/explain';
import { profileTable } from '../../../../src/core/profile';
import { tableOf } from '../recipe/tableOf';

const n = 80;
const rows = Array.from({ length: n }, (_, i) => i);
const table = tableOf({
  order_id: rows.map((i) => `A${1000 + i}`),
  refund_issued: rows.map((i) => (i % 3 === 0 ? 'yes' : 'no')),
  amount: rows.map((i) => 10 + ((i * 37) % 23)),
  churned: rows.map((i) => (i % 3 === 0 ? 'churned' : 'stayed')),
});

test('the leaky feature gets the warning, worded the same on every screen', () => {
  const report = profileTable(table, { target: 'churned' });
  const warnings = leakageWarnings(report);
  expect(warnings.map((w) => w.column)).toEqual(['refund_issued']);
  expect(warnings[0].sentence).toBe(`"refund_issued" predicts "churned" almost perfectly (Cramér's V 1.00) — it may be recorded after the outcome (leakage). Drop it unless it will be known at prediction time: the model would shine in testing and fail in use.`);
  const alert = report.alerts.find((a) => a.type === 'target_leakage');
  expect(alert?.message).toContain('it may be recorded after the outcome (leakage). Drop it unless it will be known at prediction time.');
});

test('no warning without a target, and none for a weakly related feature', () => {
  expect(leakageWarnings(profileTable(table))).toEqual([]);
  const report = profileTable(table, { target: 'churned' });
  expect(leakageWarnings(report).some((w) => w.column === 'amount' || w.column === 'order_id')).toBe(false);
});

test('the verdict names the leaking columns a model reads, and not the ones it dropped', async () => {
  const { fitRecipe } = await import('../../../../src/core/recipe');
  const { evaluationSummary, leaksInModel } = await import('../../../../src/core/explain');
  const report = profileTable(table, { target: 'churned' });
  const split = { method: 'random' as const, testFraction: 0.25, seed: 1 };
  const recipe = { version: 1 as const, target: 'churned', task: 'binary' as const, steps: [{ kind: 'drop' as const, columns: ['order_id'] }, { kind: 'encode' as const, method: 'onehot' as const, columns: ['refund_issued'] }], split };
  const rows = Array.from({ length: n }, (_, i) => i);
  expect(leaksInModel(report, fitRecipe(table, recipe, rows))).toEqual(['refund_issued']);
  const dropped = fitRecipe(table, { ...recipe, steps: [{ kind: 'drop', columns: ['order_id', 'refund_issued'] }] }, rows);
  expect(leaksInModel(report, dropped)).toEqual([]);
  // Profiled for another target, the report says nothing about this model.
  expect(leaksInModel(profileTable(table, { target: 'amount' }), fitRecipe(table, recipe, rows))).toEqual([]);

  const perfect = { task: 'binary' as const, target: 'churned', classes: ['churned', 'stayed'], confusion: [[27, 0], [0, 53]], accuracy: 1, baselineAccuracy: 53 / 80 };
  expect(evaluationSummary(perfect)).toContain('A perfect test score is rare: make sure no column gives the answer away (target leakage).');
  expect(evaluationSummary({ ...perfect, leaks: ['refund_issued'] })).toContain('A perfect test score is rare: "refund_issued" predicts "churned" almost perfectly on its own, so the model likely reads the answer from it. Drop it in Prepare unless it is known at prediction time.');
  const good = { ...perfect, confusion: [[25, 2], [1, 52]], accuracy: 77 / 80, leaks: ['refund_issued', 'amount'] };
  expect(evaluationSummary(good)).toContain('"refund_issued" and "amount" each predict "churned" almost perfectly on their own: if they are recorded after the outcome, these scores will not hold in use.');
  expect(evaluationSummary({ task: 'regression', target: 'amount', rmse: 0, mae: 0, r2: 1, leaks: ['price'] })).toContain('"price" predicts "amount" almost perfectly on its own');
});
