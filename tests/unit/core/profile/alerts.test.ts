import { describe, expect, test } from 'vitest';
import { DEFAULT_THRESHOLDS, profileTable, type Alert } from '../../../../src/core/profile';
import type { StringColumn } from '../../../../src/core/table/types';
import { tableFrom } from './helpers';

const n = 200;
const seq = (f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i)) as (string | number | null)[];
const find = (alerts: Alert[], type: Alert['type'], column?: string) => alerts.filter((a) => a.type === type && (column === undefined || a.column === column));

describe('alerts on crafted tables', () => {
  const table = tableFrom({
    id: seq((i) => i),
    constant: seq(() => 7),
    zeros: seq((i) => (i % 10 === 0 ? 0 : i)),
    gaps: seq((i) => (i % 4 === 0 ? null : i * 1.5)),
    infinite: seq((i) => (i % 20 === 0 ? Infinity : i / 3)),
    cardinal: seq((i) => `level-${i % 80}`),
    imbalanced: seq((i) => (i < 195 ? 'a' : i < 198 ? 'b' : 'c')),
    code: seq((i) => `C${(i % 9) + 1}`),
    twin: seq((i) => i * 2 + 1),
    target: seq((i) => (i % 2 === 0 ? 'even' : 'odd')),
    parity: seq((i) => (i % 2 === 0 ? 'E' : 'O')),
  });
  const code = table.columns.find((c) => c.name === 'code') as StringColumn;
  code.shapes = { numeric: 0, datetime: 0, boolean: 0, other: n };
  const dates = tableFrom({ d: seq((i) => `2020-01-${String((i % 28) + 1).padStart(2, '0')}`) }).columns[0] as StringColumn;
  dates.shapes = { numeric: 0, datetime: n, boolean: 0, other: 0 };
  const mixed = tableFrom({ m: seq((i) => (i % 3 === 0 ? String(i) : `x${i % 5}`)) }).columns[0] as StringColumn;
  mixed.shapes = { numeric: 67, datetime: 0, boolean: 0, other: 133 };
  table.columns.push({ ...dates, name: 'dates' }, { ...mixed, name: 'mixed' });
  const report = profileTable(table, { target: 'target' });
  const alerts = report.alerts;

  test.each([
    ['constant', 'constant'],
    ['zeros', 'zeros'],
    ['missing', 'gaps'],
    ['infinite', 'infinite'],
    ['high_cardinality', 'cardinal'],
    ['imbalance', 'imbalanced'],
    ['unique', 'id'],
    ['uniform', 'id'],
    ['constant_length', 'code'],
    ['date_as_text', 'dates'],
    ['mixed_types', 'mixed'],
    ['high_correlation', 'id'],
    ['target_leakage', 'parity'],
  ] as [Alert['type'], string][])('%s on "%s"', (type, column) => {
    const hits = find(alerts, type, column);
    expect(hits.length, JSON.stringify(alerts.map((a) => [a.type, a.column]))).toBeGreaterThan(0);
    expect(hits[0].message).toContain(column);
  });

  test('skewed: |skewness| > 20 needs a long tail (sample skew is bounded by about √n)', () => {
    const long = Array.from({ length: 2000 }, (_, i) => (i === 0 ? 1e9 : (i % 7) + 1));
    const hits = find(profileTable(tableFrom({ tail: long })).alerts, 'skewed', 'tail');
    expect(hits).toHaveLength(1);
    expect(hits[0].value).toBeGreaterThan(20);
  });

  test('no false alarms on clean columns', () => {
    expect(find(alerts, 'missing', 'id')).toEqual([]);
    expect(find(alerts, 'skewed', 'twin')).toEqual([]);
    expect(find(alerts, 'constant', 'cardinal')).toEqual([]);
    expect(find(alerts, 'high_cardinality', 'code')).toEqual([]);
    expect(find(alerts, 'date_as_text', 'mixed')).toEqual([]);
  });

  test('sorted by severity', () => {
    const rank = { high: 0, medium: 1, low: 2 };
    for (let i = 1; i < alerts.length; i++) expect(rank[alerts[i].severity]).toBeGreaterThanOrEqual(rank[alerts[i - 1].severity]);
  });

  test('thresholds override: missing at 30% no longer fires', () => {
    const r = profileTable(table, { thresholds: { missing: 0.3 } });
    expect(find(r.alerts, 'missing', 'gaps')).toEqual([]);
    expect(r.meta.thresholds.missing).toBe(0.3);
    expect(DEFAULT_THRESHOLDS.missing).toBe(0.01);
    expect(() => profileTable(table, { thresholds: { nope: 1 } as never })).toThrow(/Unknown alert threshold "nope"/);
  });

  test('duplicates alert at dataset level', () => {
    const t = tableFrom({ a: [1, 1, 2, 3], b: ['x', 'x', 'y', 'z'] });
    const dup = find(profileTable(t).alerts, 'duplicates');
    expect(dup).toHaveLength(1);
    expect(dup[0].value).toBe(0.25);
    expect(dup[0].column).toBeUndefined();
  });
});
