import { describe, expect, test } from 'vitest';
import { profileColumn, profileTable, renderReportHtml } from '../../../../src/core/profile';
import { createRng } from '../../../../src/core/stats';
import type { Table } from '../../../../src/core/table/types';
import { columnFrom } from './helpers';

const DAY = 86_400_000;

describe('datetime columns', () => {
  test.each([
    ['daily', (i: number) => Date.UTC(2021, 0, 1) + i * DAY],
    ['hourly', (i: number) => Date.UTC(2021, 0, 1) + i * 3_600_000],
    ['monthly', (i: number) => Date.UTC(2020, i, 1)],
    ['weekly', (i: number) => Date.UTC(2021, 0, 4) + i * 7 * DAY],
  ] as const)('frequency %s', (label, at) => {
    const p = profileColumn(columnFrom('t', Array.from({ length: 40 }, (_, i) => at(i)), 'datetime'));
    expect(p.datetime!.frequency!.label).toBe(label);
  });

  test('byHour only when some time is not midnight; weekday 0 = Monday', () => {
    const midnight = profileColumn(columnFrom('t', [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), null], 'datetime'));
    expect(midnight.datetime!.byHour).toBeUndefined();
    expect(midnight.datetime!.byWeekday.slice(0, 2)).toEqual([1, 1]);
    expect(midnight.missing).toBe(1);
    const timed = profileColumn(columnFrom('t', [Date.UTC(2024, 0, 1, 13, 30)], 'datetime'));
    expect(timed.datetime!.byHour![13]).toBe(1);
  });
});

describe('boolean, categorical and numeric edge cases', () => {
  test('boolean counts', () => {
    const p = profileColumn(columnFrom('b', [true, false, true, null]));
    expect([p.type, p.count, p.missing, p.distinct]).toEqual(['boolean', 3, 1, 2]);
    expect(p.boolean).toEqual({ true: 2, false: 1 });
  });

  test('categorical top 10 + other, imbalance 0 when balanced', () => {
    const cells = Array.from({ length: 120 }, (_, i) => `v${i % 12}`);
    const p = profileColumn(columnFrom('c', cells));
    expect(p.categorical!.top).toHaveLength(10);
    expect(p.categorical!.other).toBe(20);
    expect(p.categorical!.imbalance).toBeCloseTo(0, 12);
  });

  test('infinities are counted and excluded; outliers list the extremes', () => {
    const values = [...Array.from({ length: 100 }, (_, i) => i % 10), 1000, 2000, -500, Infinity, -Infinity, null];
    const p = profileColumn(columnFrom('x', values, 'float'));
    const n = p.numeric!;
    expect([p.count, p.missing, n.infinite]).toEqual([105, 1, 2]);
    expect([n.min, n.max]).toEqual([-500, 2000]);
    expect(n.outliers.low).toEqual([-500]);
    expect(n.outliers.high).toEqual([2000, 1000]);
    expect(n.outliers.count).toBe(3);
    expect(Number.isFinite(n.mean)).toBe(true);
  });

  test('an all-missing column does not throw', () => {
    const p = profileColumn(columnFrom('x', [null, null], 'float'));
    expect([p.count, p.distinct, p.uniqueRatio]).toEqual([0, 0, 0]);
    expect(p.numeric!.histogram).toEqual({ edges: [], counts: [] });
  });
});

describe('report size budget', () => {
  test('HTML of a 3M-row × 5-column table stays under 5 MB', () => {
    const n = 3_000_000;
    const rng = createRng(9);
    const num = () => Float64Array.from({ length: n }, () => rng.normal());
    const table: Table = {
      name: 'big',
      rowCount: n,
      columns: [
        { name: 'x', type: 'float', inferredType: 'float', values: num() },
        { name: 'y', type: 'float', inferredType: 'float', values: num() },
        { name: 'k', type: 'integer', inferredType: 'integer', values: Float64Array.from({ length: n }, () => rng.int(1000)) },
        { name: 'when', type: 'datetime', inferredType: 'datetime', values: Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * 1000) },
        { name: 'g', type: 'categorical', inferredType: 'categorical', codes: Int32Array.from({ length: n }, () => rng.int(30)), dictionary: Array.from({ length: 30 }, (_, i) => `group ${i}`) },
      ],
    };
    const report = profileTable(table, { target: 'g' });
    expect(report.correlations.sampled).toBe(true);
    expect(renderReportHtml(report).length).toBeLessThan(5 * 1024 * 1024);
  });
});

describe('topEntries', () => {
  test('equals a full sort by count desc then value', async () => {
    const { topEntries } = await import('../../../../src/core/profile/categoricalProfile');
    const rng = createRng(2);
    const dictionary = Array.from({ length: 500 }, (_, i) => `k${(i * 7919) % 500}`);
    const counts = Float64Array.from({ length: 500 }, () => rng.int(20));
    const full = dictionary
      .map((value, i) => ({ value, count: counts[i] }))
      .filter((e) => e.count > 0)
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, 10);
    expect(topEntries(dictionary, counts)).toEqual(full);
  });
});

describe('degenerate tables', () => {
  test('no rows, one row, all-missing target: a report, never a throw', async () => {
    const { tableFrom } = await import('./helpers');
    const { reportToJson } = await import('../../../../src/core/profile');
    const empty: Table = { name: 'empty', rowCount: 0, columns: [columnFrom('x', [], 'float'), columnFrom('s', [], 'categorical')] };
    const r0 = profileTable(empty);
    expect([r0.dataset.rows, r0.dataset.duplicateRows, r0.alerts.length]).toEqual([0, 0, 0]);
    const r1 = profileTable(tableFrom({ x: [1], y: [2], s: ['a'] }), { target: 'y' });
    expect(r1.columns.map((c) => c.count)).toEqual([1, 1, 1]);
    const r2 = profileTable(tableFrom({ x: [1, 2, 3, 4], t: [null, null, null, null] }, { t: 'categorical' }), { target: 't' });
    expect(r2.target!.associations[0].column).toBe('x');
    expect(JSON.parse(reportToJson(r2)).target.associations[0].value).toBeNull();
    expect(() => renderReportHtml(r0) + renderReportHtml(r1) + renderReportHtml(r2)).not.toThrow();
  });
});
