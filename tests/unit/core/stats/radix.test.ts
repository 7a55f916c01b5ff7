import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { argsortFloat64, createRng, sortFloat64 } from '../../../../src/core/stats';

describe('sortFloat64', () => {
  test('matches Float64Array.prototype.sort, signed zeros and infinities included', () => {
    const rng = createRng(3);
    const specials = [0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, 1e308, -1e308];
    const a = Float64Array.from({ length: 50_000 }, (_, i) => (i % 50 === 0 ? specials[i % 8] : rng.normal() * 10 ** rng.int(8)));
    const expected = a.slice().sort();
    const got = sortFloat64(a.slice());
    expect(Object.is(got[0], expected[0])).toBe(true);
    expect(Array.from(got).map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual(Array.from(expected).map((v) => (Object.is(v, -0) ? '-0' : v)));
  });

  test('property: any doubles (no NaN)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 20_000, maxLength: 20_100 }), (xs) => {
        const a = Float64Array.from(xs);
        expect(sortFloat64(a.slice())).toEqual(a.slice().sort());
      }),
      { numRuns: 5 },
    );
  });
});

describe('argsortFloat64', () => {
  test('stable order of doubles, small and radix-sized', () => {
    const rng = createRng(5);
    for (const n of [100, 40_000]) {
      const v = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 50) / 4 + 0);
      const order = argsortFloat64(v);
      for (let i = 1; i < n; i++) {
        const a = v[order[i - 1]];
        const b = v[order[i]];
        expect(a < b || (a === b && order[i - 1] < order[i])).toBe(true);
      }
    }
  });
});
