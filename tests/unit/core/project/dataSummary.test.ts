import { expect, test } from 'vitest';
import { dataSummaryOf } from '../../../../src/core/project';
import type { Report } from '../../../../src/core/profile';

test('dataSummaryOf keeps the overview, alerts most severe first, each column and the target ranking', () => {
  const report = {
    dataset: { name: 'a.csv', rows: 10, columns: 2, missingCellsRatio: 0.05, duplicateRows: 1 },
    alerts: [
      { type: 'x', severity: 'low', message: 'low one', value: 0, threshold: 0 },
      { type: 'y', severity: 'high', message: 'high one', value: 0, threshold: 0 },
    ],
    columns: [
      { name: 'x', type: 'float', count: 8, missing: 2, distinct: 7 },
      { name: 'y', type: 'categorical', count: 0, missing: 0, distinct: 0 },
    ],
    target: { name: 'y', associations: [{ column: 'x', measure: 'eta', value: 0.5 }] },
  } as unknown as Report;
  expect(dataSummaryOf(report)).toEqual({
    name: 'a.csv',
    rows: 10,
    columns: 2,
    missingCellsRatio: 0.05,
    duplicateRows: 1,
    alerts: ['high one', 'low one'],
    columnTable: [
      { name: 'x', type: 'float', missingRatio: 0.2, distinct: 7 },
      { name: 'y', type: 'categorical', missingRatio: 0, distinct: 0 },
    ],
    target: { name: 'y', associations: [{ column: 'x', measure: 'eta', value: 0.5 }] },
  });
  expect(dataSummaryOf({ ...report, target: undefined }).target).toBeNull();
});
