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
