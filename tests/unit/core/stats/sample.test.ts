import { describe, expect, test } from 'vitest';
import { sampleIndices } from '../../../../src/core/stats';

describe('sampleIndices', () => {
  test('k distinct ascending indices, reproducible by seed', () => {
    const a = sampleIndices(1000, 100, 7);
    expect(a.length).toBe(100);
    expect(new Set(a).size).toBe(100);
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1]);
    expect(Array.from(sampleIndices(1000, 100, 7))).toEqual(Array.from(a));
    expect(Array.from(sampleIndices(1000, 100, 8))).not.toEqual(Array.from(a));
    expect(Array.from(sampleIndices(3, 10, 1))).toEqual([0, 1, 2]);
  });

  test('roughly uniform: each decile gets about a tenth', () => {
    const a = sampleIndices(100_000, 20_000, 1);
    const deciles = new Array(10).fill(0);
    for (const i of a) deciles[Math.floor(i / 10_000)]++;
    for (const d of deciles) expect(Math.abs(d - 2000)).toBeLessThan(200);
  });
});
