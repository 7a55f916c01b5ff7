/** Choosing the outcome column of a joined log and whether it is a rate or a mean. */
import { describe, expect, test } from 'vitest';
import { experimentOutcome, experimentRows } from '../../../../src/core/abtest';
import { parseCsv } from '../../../../src/core/table';

const csv = (text: string) => parseCsv(new TextEncoder().encode(text), { fileName: 'log.csv' }).table;
const log = csv('unitId,variant,converted,revenue,flag\nu1,control,true,12.5,1\nu2,challenger,false,,0\nu3,control,TRUE,0,\n');

describe('experimentOutcome', () => {
  test('a true/false or 0/1 column is a rate, anything else a mean', () => {
    expect(experimentOutcome(log, { outcome: 'converted' })).toMatchObject({ column: 'converted', metric: 'conversion' });
    expect(experimentOutcome(log, { outcome: 'flag' })).toMatchObject({ column: 'flag', metric: 'conversion' });
    expect(experimentOutcome(log, { outcome: 'revenue' })).toMatchObject({ column: 'revenue', metric: 'value', reason: expect.stringMatching(/not all 0\/1/) });
  });

  test('--metric forces the comparison', () => {
    expect(experimentOutcome(log, { outcome: 'converted', metric: 'value' })).toMatchObject({ metric: 'value', reason: '--metric value' });
  });

  test('without --outcome it reads conversion or value, and a missing column lists the columns', () => {
    expect(experimentOutcome(csv('unitId,variant,value\nu1,a,3\n'), {})).toMatchObject({ column: 'value', metric: 'value' });
    expect(() => experimentOutcome(log, {})).toThrow('"log.csv" has no conversion or value column (columns: unitId, variant, converted, revenue, flag). Name the outcome column with --outcome COL.');
    expect(() => experimentOutcome(log, { outcome: 'sales' })).toThrow('"log.csv" has no outcome column "sales" (columns: unitId, variant, converted, revenue, flag)');
  });

  test('experimentRows reads the named column into the metric', () => {
    expect(experimentRows(log, 'conversion', 'converted').map((r) => r.conversion)).toEqual([1, 0, 1]);
    expect(experimentRows(log, 'value', 'revenue').map((r) => r.value)).toEqual([12.5, null, 0]);
  });
});
