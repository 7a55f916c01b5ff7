import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { profileColumn } from '../../../../src/core/profile';
import { calendarCounts, inferFrequency } from '../../../../src/core/profile/calendar';
import { calendarFromCounts, frequencyFromCounts } from '../../../../src/core/profile/latticeCalendar';
import { countLattice } from '../../../../src/core/profile/latticeCounts';
import { distinctCounts, numericStatsFromCounts } from '../../../../src/core/profile/latticeStats';
import { distinctSorted, numericStats } from '../../../../src/core/profile/numericProfile';
import { scanFinite, sortFinite } from '../../../../src/core/profile/sortFinite';
import { createRng } from '../../../../src/core/stats';

/** Slot codes below 0 stand for a missing value, +Infinity and -Infinity. */
const SPECIAL = [NaN, Infinity, -Infinity];

function latticeColumn(base: number, step: number, codes: number[]): Float64Array {
  return Float64Array.from(codes, (c) => (c < 0 ? SPECIAL[-c - 1] : base + c * step));
}

/** Both paths over one column; toEqual compares numbers with Object.is, so -0 ≠ 0 and every bit counts. */
function expectSameNumeric(values: Float64Array): void {
  const scan = scanFinite(values);
  const { sorted, infinite } = sortFinite(values);
  const lattice = countLattice(values, scan);
  expect(numericStatsFromCounts(lattice, infinite)).toEqual(numericStats(sorted, infinite));
  expect(distinctCounts(lattice)).toBe(distinctSorted(sorted));
}

function expectSameCalendar(values: Float64Array): void {
  const lattice = countLattice(values, scanFinite(values));
  const { sorted } = sortFinite(values);
  expect(calendarFromCounts(lattice)).toEqual(calendarCounts(sorted));
  expect(frequencyFromCounts(lattice)).toEqual(inferFrequency(sorted));
}

const codes = (maxSlot: number, minLength = 1, maxLength = 80) =>
  fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: maxSlot }) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: -1 }) }), { minLength, maxLength });

describe('lattice counts give the sorted path’s figures', () => {
  test('property: numeric statistics on random lattice columns (negatives, ties, missing, ±Infinity)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000, max: 1_000 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 40 }), (base, step, maxSlot) =>
        fc.assert(fc.property(codes(maxSlot), (cs) => expectSameNumeric(latticeColumn(base, step, cs))), { numRuns: 3 }),
      ),
      { numRuns: 150 },
    );
  });

  test('property: wide integer ranges and large steps', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), codes(5_000, 1, 300), (base, step, cs) =>
        expectSameNumeric(latticeColumn(base, step, cs)),
      ),
      { numRuns: 300 },
    );
  });

  test.each([
    ['n = 1', [7]],
    ['n = 2', [3, -4]],
    ['n = 2, equal', [5, 5]],
    ['odd n', [1, 2, 2, 9, -3]],
    ['even n', [1, 2, 2, 9, -3, 0]],
    ['only missing', [NaN, NaN]],
    ['only infinities', [Infinity, -Infinity, NaN]],
    ['constant with missing', [4, NaN, 4, 4]],
    ['zeros and negatives', [0, 0, -1, -2, 3, NaN, 0]],
  ])('%s', (_, xs) => expectSameNumeric(Float64Array.from(xs)));

  test('property: calendar counts and frequency on minute, hour and day lattices', () => {
    const unit = fc.constantFrom(60_000, 3_600_000, 86_400_000, 15 * 60_000, 7 * 86_400_000);
    const start = fc.integer({ min: Date.UTC(1960, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }).map((m) => m * 60_000);
    fc.assert(
      fc.property(start, unit, codes(3_000, 1, 200), (base, step, cs) => expectSameCalendar(latticeColumn(base, step, cs).map((v) => (Math.abs(v) === Infinity ? NaN : v)))),
      { numRuns: 300 },
    );
  });
});

describe('tall lattice columns are counted, not sorted', () => {
  test('the counted profile equals the sorted figures (30,000 integer rows with missing values)', () => {
    const rng = createRng(11);
    const values = Float64Array.from({ length: 30_000 }, (_, i) => (i % 97 === 0 ? NaN : rng.int(400) * 3 - 250));
    expect(scanFinite(values).countable).toBe(true);
    const p = profileColumn({ name: 'x', type: 'integer', inferredType: 'integer', values });
    const { sorted, infinite } = sortFinite(values);
    expect(p.numeric).toEqual(numericStats(sorted, infinite));
    expect(p.distinct).toBe(distinctSorted(sorted));
    expect(p.missing).toBe(values.length - sorted.length);
  });

  test('a month of minute timestamps profiles like the sorted path', () => {
    const rng = createRng(5);
    const t0 = Date.UTC(2024, 0, 1);
    const values = Float64Array.from({ length: 40_000 }, (_, i) => (i % 501 === 0 ? NaN : t0 + rng.int(44_640) * 60_000));
    expect(scanFinite(values).countable).toBe(true);
    const p = profileColumn({ name: 't', type: 'datetime', inferredType: 'datetime', values });
    const { sorted } = sortFinite(values);
    const cal = calendarCounts(sorted);
    expect(p.datetime).toEqual({
      min: sorted[0],
      max: sorted[sorted.length - 1],
      rangeMs: sorted[sorted.length - 1] - sorted[0],
      frequency: inferFrequency(sorted),
      byYear: cal.byYear,
      byMonth: cal.byMonth,
      byWeekday: cal.byWeekday,
      byHour: cal.byHour,
    });
    expect(p.distinct).toBe(distinctSorted(sorted));
  });
});
