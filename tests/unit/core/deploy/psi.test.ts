import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { driftReport, psi, PSI_EPSILON } from '../../../../src/core/deploy';
import { psiKernel } from '../../../../src/core/stats';

const driftBand = psiKernel(PSI_EPSILON).band;
import { profileColumn } from '../../../../src/core/profile';
import type { ColumnProfile, Report } from '../../../../src/core/profile/types';
import { tableOf } from './trainTiny';

interface Case {
  name: string;
  kind: 'numeric' | 'categorical';
  edges?: number[];
  counts?: number[];
  top?: { value: string; count: number }[];
  other?: number;
  missing: number;
  new: (number | string | null)[];
  psi: number;
}
// Reference: tests/fixtures/deploy/make-psi.py (numpy 1.24.2).
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/deploy/psi.json', import.meta.url), 'utf8')) as { cases: Case[] };

function profileOf(c: Case): ColumnProfile {
  const base = { name: 'x', count: 0, missing: c.missing, distinct: 0, uniqueRatio: 0, memoryBytes: 0 };
  if (c.kind === 'numeric') return { ...base, type: 'float', numeric: { histogram: { edges: c.edges!, counts: c.counts! } } as ColumnProfile['numeric'] };
  return { ...base, type: 'categorical', categorical: { top: c.top!, other: c.other!, imbalance: 0, minLength: 0, maxLength: 0 } };
}

describe('psi', () => {
  test.each(fixture.cases)('$name matches numpy', (c) => {
    const result = psi(profileOf(c), tableOf({ x: c.new }, c.kind === 'numeric' ? { x: 'float' } : {}).columns[0]);
    expect(result.psi).toBeCloseTo(c.psi, 10);
    expect(result.band).toBe(driftBand(c.psi));
    expect(result.bins.at(-1)!.label).toBe('missing');
  });

  test('bands at 0.1 and 0.25', () => {
    expect([0, 0.099, 0.1, 0.249, 0.25, 3].map(driftBand)).toEqual(['stable', 'stable', 'moderate', 'moderate', 'major', 'major']);
  });

  test('booleans and datetimes compare by value and by year', () => {
    const train = tableOf({ b: [true, true, false, null], d: ['2001-03-01', '2001-07-01', '2002-01-01', null] }, { d: 'datetime' });
    const same = psi(profileColumn(train.columns[0]), train.columns[0]);
    expect(same.psi).toBe(0);
    const later = tableOf({ d: ['2003-01-01', '2003-02-01', '2001-01-01', '2001-05-05'] }, { d: 'datetime' });
    const drift = psi(profileColumn(train.columns[1]), later.columns[0]);
    expect(drift.bins.map((b) => b.label)).toEqual(['2001', '2002', '(other)', 'missing']);
    expect(drift.bins.map((b) => b.actual)).toEqual([0.5, 0, 0.5, 0]);
    expect(drift.band).toBe('major');
  });

  test('a type change is refused with the column named', () => {
    const numbers = profileColumn(tableOf({ x: [1, 2, 3] }).columns[0]);
    expect(() => psi(numbers, tableOf({ x: ['a', 'b'] }).columns[0])).toThrow(/'x' was profiled as integer but the new values are categorical/);
  });
});

describe('driftReport', () => {
  test('ranks features by PSI and lists columns it could not compare', () => {
    const n = 400;
    const train = tableOf({ a: Array.from({ length: n }, (_, i) => i % 50), c: Array.from({ length: n }, (_, i) => ['x', 'y', 'z'][i % 3]), gone: Array.from({ length: n }, () => 1) });
    const now = tableOf({ a: Array.from({ length: n }, (_, i) => 30 + (i % 50)), c: Array.from({ length: n }, (_, i) => ['x', 'y', 'z'][i % 3]) });
    const report = { columns: train.columns.map(profileColumn) } as Report;
    const drift = driftReport(report, now);
    expect(drift.features.map((f) => f.column)).toEqual(['a', 'c']);
    expect(drift.features[0].band).toBe('major');
    expect(drift.features[1].psi).toBe(0);
    expect(drift.skipped).toEqual([{ column: 'gone', reason: 'not in the new table' }]);
    expect(drift.counts).toEqual({ stable: 1, moderate: 0, major: 1 });
    expect(drift.band).toBe('major');
    expect(driftReport(report, now, ['c']).band).toBe('stable');
  });
});
