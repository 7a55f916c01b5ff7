import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assignVariant, createRouter, layoutRanges, movedShare, murmur3, planRouter, unitPosition, variantAt, type TrafficRange } from '../../../../src/core/abtest';
import { srmTest } from '../../../../src/core/stats/tests';

const ids = (n: number, prefix = 'user-') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Published MurmurHash3_x86_32 test vectors (SMHasher / Wikipedia). */
test.each([
  ['', 0, 0],
  ['', 1, 0x514e28b7],
  ['test', 0, 0xba6bd213],
  ['Hello, world!', 0, 0xc0363e43],
  ['Hello, world!', 1234, 0xfaf6cdb3],
  ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
] as const)('murmur3(%j, %d)', (text, seed, hash) => {
  expect(murmur3(text, seed)).toBe(hash);
});

describe('assignVariant', () => {
  const config = planRouter({ weights: [{ name: 'champion', weight: 90 }, { name: 'challenger', weight: 10 }] });

  test('is deterministic and independent of call order', () => {
    const first = ids(1000).map((id) => assignVariant(config, id));
    const second = ids(1000).reverse().map((id) => assignVariant(config, id)).reverse();
    expect(second).toEqual(first);
    expect(assignVariant(planRouter({ weights: [{ name: 'champion', weight: 90 }, { name: 'challenger', weight: 10 }] }), 'user-7')).toBe(first[7]);
  });

  test('a different salt re-randomizes the units', () => {
    const other = { ...config, salt: 'experiment-2' };
    const changed = ids(10_000).filter((id) => assignVariant(config, id) !== assignVariant(other, id)).length;
    // Independent 90/10 draws disagree with probability 2·0.9·0.1 = 0.18.
    expect(changed / 10_000).toBeGreaterThan(0.16);
    expect(changed / 10_000).toBeLessThan(0.2);
  });

  test.each([
    [[90, 10]],
    [[50, 50]],
    [[70, 20, 10]],
    [[25, 25, 25, 25]],
  ])('split check: 100,000 ids follow weights %j (chi-square p > 0.001, shares within 0.5 pt)', (weights) => {
    const names = weights.map((_, i) => `v${i}`);
    const cfg = planRouter({ weights: names.map((name, i) => ({ name, weight: weights[i] })) });
    const counts = new Map(names.map((n) => [n, 0]));
    for (const id of ids(100_000)) counts.set(assignVariant(cfg, id), counts.get(assignVariant(cfg, id))! + 1);
    const observed = names.map((n) => counts.get(n)!);
    const srm = srmTest(observed, weights);
    expect(srm.pValue).toBeGreaterThan(0.001);
    const total = weights.reduce((a, b) => a + b, 0);
    observed.forEach((o, i) => expect(Math.abs(o / 100_000 - weights[i] / total)).toBeLessThan(0.005));
  });

  test('unit positions are uniform on [0, 1) (deciles within 1 pt over 100,000 ids)', () => {
    const deciles = new Array(10).fill(0);
    for (const id of ids(100_000, 'u')) deciles[Math.floor(unitPosition(id, 'salt') * 10)]++;
    for (const d of deciles) expect(Math.abs(d / 100_000 - 0.1)).toBeLessThan(0.01);
  });
});

const share = (ranges: TrafficRange[], variant: string) => ranges.filter((r) => r.variant === variant).reduce((s, r) => s + r.end - r.start, 0);

describe('layoutRanges: minimal reassignment', () => {
  test('90/10 → 80/20 moves only the units in [0.8, 0.9), all to the challenger', () => {
    const before = planRouter({ weights: [{ name: 'a', weight: 90 }, { name: 'b', weight: 10 }] });
    const after = planRouter({ weights: [{ name: 'a', weight: 80 }, { name: 'b', weight: 20 }], previous: before });
    let moved = 0;
    for (const id of ids(50_000)) {
      const was = assignVariant(before, id);
      const now = assignVariant(after, id);
      if (was !== now) {
        moved++;
        expect([was, now]).toEqual(['a', 'b']);
        const u = unitPosition(id, before.salt);
        expect(u >= 0.8 && u < 0.9).toBe(true);
      }
    }
    expect(Math.abs(moved / 50_000 - 0.1)).toBeLessThan(0.005);
  });

  const weightsArb = (k: number) => fc.array(fc.integer({ min: 0, max: 100 }), { minLength: k, maxLength: k }).filter((w) => w.some((x) => x > 0));

  test('property: the moved share equals Σ max(0, new − old), the least any layout can move, and shares match the weights', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }).chain((k) => fc.tuple(weightsArb(k), weightsArb(k), weightsArb(k))), ([w0, w1, w2]) => {
        const named = (w: number[]) => w.map((weight, i) => ({ name: `v${i}`, weight }));
        let ranges = layoutRanges(named(w0));
        for (const [was, next] of [[w0, w1], [w1, w2]]) {
          const prev = ranges;
          const before = named(was);
          ranges = layoutRanges(named(next), prev);
          const total = next.reduce((a, b) => a + b, 0);
          const beforeTotal = before.reduce((a, b) => a + b.weight, 0);
          let bound = 0;
          next.forEach((w, i) => {
            expect(Math.abs(share(ranges, `v${i}`) - w / total)).toBeLessThan(1e-12);
            bound += Math.max(0, w / total - before[i].weight / beforeTotal);
          });
          expect(Math.abs(movedShare(prev, ranges) - bound)).toBeLessThan(1e-12);
          expect(ranges[0].start).toBe(0);
          expect(ranges[ranges.length - 1].end).toBeCloseTo(1, 12);
          for (let i = 1; i < ranges.length; i++) expect(ranges[i].start).toBeCloseTo(ranges[i - 1].end, 12);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  test('moving weight between non-adjacent variants leaves the middle one untouched', () => {
    const before = layoutRanges([{ name: 'a', weight: 50 }, { name: 'b', weight: 30 }, { name: 'c', weight: 20 }]);
    const after = layoutRanges([{ name: 'a', weight: 40 }, { name: 'b', weight: 30 }, { name: 'c', weight: 30 }], before);
    expect(movedShare(before, after)).toBeCloseTo(0.1, 12);
    for (let u = 0.0005; u < 1; u += 0.001) if (variantAt(before, u) === 'b') expect(variantAt(after, u)).toBe('b');
  });

  test('adding and retiring variants moves only the share that changes hands', () => {
    const solo = layoutRanges([{ name: 'a', weight: 1 }]);
    const added = layoutRanges([{ name: 'a', weight: 80 }, { name: 'b', weight: 20 }], solo);
    expect(movedShare(solo, added)).toBeCloseTo(0.2, 12);
    const swapped = layoutRanges([{ name: 'b', weight: 20 }, { name: 'c', weight: 80 }], added);
    expect(movedShare(added, swapped)).toBeCloseTo(0.8, 12);
    expect(share(swapped, 'a')).toBe(0);
    for (let u = 0.0005; u < 1; u += 0.001) if (variantAt(added, u) === 'b') expect(variantAt(swapped, u)).toBe('b');
  });

  test('rejects bad weights and unsafe names with the value in the message', () => {
    expect(() => layoutRanges([{ name: 'a', weight: -1 }])).toThrow(/"a" is -1/);
    expect(() => planRouter({ weights: [{ name: '../x', weight: 1 }] })).toThrow(/"\.\.\/x"/);
    expect(() => planRouter({ weights: [{ name: 'a', weight: 1 }], champion: 'z' })).toThrow(/"z"/);
  });
});

describe('createRouter', () => {
  const scorers = {
    champion: { predict: (rows: unknown[]) => rows.map(() => 'A') },
    challenger: { predict: async (rows: unknown[]) => rows.map(() => 'B') },
  };

  test('routes by assignment and reports each decision', async () => {
    const config = planRouter({ weights: [{ name: 'champion', weight: 50 }, { name: 'challenger', weight: 50 }] });
    const decisions: unknown[] = [];
    const router = createRouter(config, scorers, { onDecision: (d) => decisions.push(d), now: () => 1234 });
    for (const id of ids(20)) {
      const { variant, prediction } = await router.predict(id, [{ x: 1 }]);
      expect(variant).toBe(assignVariant(config, id));
      expect(prediction).toEqual([variant === 'champion' ? 'A' : 'B']);
    }
    expect(decisions).toHaveLength(20);
    expect(decisions[0]).toMatchObject({ unitId: 'user-0', timestamp: 1234, shadow: false });
  });

  test('shadow mode returns the champion answer, logs the challenger, and swallows its failure', async () => {
    const config = planRouter({ weights: [{ name: 'champion', weight: 50 }, { name: 'challenger', weight: 50 }], shadow: true });
    const decisions: { variant: string; shadow: boolean }[] = [];
    const errors: string[] = [];
    const router = createRouter(config, scorers, { onDecision: (d) => decisions.push(d) });
    for (const id of ids(10)) expect(await router.predict(id, [1])).toEqual({ variant: 'champion', prediction: ['A'] });
    await router.idle();
    expect(decisions.filter((d) => d.shadow && d.variant === 'challenger')).toHaveLength(10);
    expect(decisions.filter((d) => !d.shadow && d.variant === 'champion')).toHaveLength(10);
    const failing = createRouter(config, { ...scorers, challenger: { predict: () => Promise.reject(new Error('boom')) } }, { onShadowError: (e) => errors.push((e as Error).message) });
    expect(await failing.predict('u', [1])).toEqual({ variant: 'champion', prediction: ['A'] });
    await failing.idle();
    expect(errors).toEqual(['boom']);
  });

  test('names a variant without a scorer', () => {
    const config = planRouter({ weights: [{ name: 'champion', weight: 1 }, { name: 'other', weight: 1 }] });
    expect(() => createRouter(config, scorers)).toThrow(/other/);
  });
});
