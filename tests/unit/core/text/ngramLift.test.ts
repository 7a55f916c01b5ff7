import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ngramLift, rowsWithNgram, PRIOR_ROWS } from '../../../../src/core/text';
import { exploreService } from '../../../../src/core/explore';
import { memorySource, readTable, type Table } from '../../../../src/core/table';

const reviews = async (): Promise<Table> => (await readTable(memorySource(readFileSync('tests/fixtures/text/reviews.csv'), 'reviews.csv'))).table;

describe('ngramLift', () => {
  test('ranks the fixture\'s praise words up and complaints down for the positive class', async () => {
    const lift = ngramLift(await reviews(), 'review', 'label', 'positive');
    expect(lift.positive).toBe('positive');
    const up = lift.highest.slice(0, 6).map((e) => e.term);
    const down = lift.lowest.slice(0, 6).map((e) => e.term);
    expect(up.some((t) => ['excellent', 'love', 'sturdy', 'recommend', 'highly recommend', 'perfectly'].includes(t))).toBe(true);
    expect(down.some((t) => ['broken', 'refund', 'terrible', 'flimsy', 'waste money', 'stopped working'].includes(t))).toBe(true);
    for (const e of [...lift.highest, ...lift.lowest]) expect(e.effect).toBeCloseTo((e.value * e.rows + PRIOR_ROWS * lift.base) / (e.rows + PRIOR_ROWS) / lift.base, 12);
    expect(lift.highest[0].effect).toBeGreaterThan(1);
    expect(lift.lowest[0].effect).toBeLessThan(1);
  });

  test('computes lift exactly on a small table and compares means for a numeric target', () => {
    const table: Table = {
      name: 't',
      rowCount: 6,
      columns: [
        { name: 'text', type: 'text', inferredType: 'text', dictionary: ['good stuff here', 'bad stuff here'], codes: Int32Array.from([0, 0, 0, 1, 1, 1]) },
        { name: 'y', type: 'categorical', inferredType: 'categorical', dictionary: ['a', 'b'], codes: Int32Array.from([1, 1, 0, 0, 0, 1]) },
        { name: 'v', type: 'float', inferredType: 'float', values: Float64Array.from([1.5, 2.5, 3.5, 10, 20, 30]) },
      ],
    };
    const lift = ngramLift(table, 'text', 'y', 'b');
    expect(lift.base).toBeCloseTo(0.5, 12);
    expect(lift.highest[0]).toEqual({ term: 'good', rows: 3, value: 2 / 3, effect: (2 + PRIOR_ROWS * 0.5) / (3 + PRIOR_ROWS) / 0.5 });
    const byMean = ngramLift(table, 'text', 'v');
    expect(byMean.positive).toBeUndefined();
    expect(byMean.highest[0].term).toBe('bad');
    expect(byMean.highest[0].effect).toBeCloseTo((60 + PRIOR_ROWS * (67.5 / 6)) / (3 + PRIOR_ROWS) - 67.5 / 6, 12);
    const rows = rowsWithNgram(table, 'text', 'y', 'bad stuff');
    expect(rows.total).toBe(3);
    expect(rows.rows.map((r) => [r.row, r.target])).toEqual([[4, 'a'], [5, 'a'], [6, 'b']]);
  });

  test('the chart worker\'s service answers both requests over the table it holds', async () => {
    const service = exploreService();
    expect(() => service.ngramLift('review', 'label')).toThrow(/No table/);
    service.setTable(await reviews());
    expect(['positive', 'negative']).toContain(service.ngramLift('review', 'label').positive);
    expect(service.ngramLift('review', 'label', 'negative').positive).toBe('negative');
    expect(service.ngramRows('review', 'label', 'refund').total).toBeGreaterThan(10);
    expect(() => service.ngramLift('channel', 'nope')).toThrow(/Target "nope"/);
  });
});
