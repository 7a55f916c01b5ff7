import { describe, expect, test } from 'vitest';
import { createHyperLogLog, createKll, createRng } from '../../../../src/core/stats';

describe('sketches on 1e6 values', () => {
  test('KLL rank error stays within 0.5%', () => {
    const rng = createRng(7);
    const n = 1_000_000;
    const kll = createKll();
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = rng.normal() * 3 + (i % 3 === 0 ? 10 : 0);
      kll.update(values[i]);
    }
    values.sort();
    let worst = 0;
    for (let p = 0.01; p < 1; p += 0.01) {
      const q = kll.quantile(p);
      // True normalised rank of the returned value.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (values[mid] <= q) lo = mid + 1;
        else hi = mid;
      }
      worst = Math.max(worst, Math.abs(lo / n - p));
    }
    expect(worst).toBeLessThan(0.005);
    expect(kll.n).toBe(n);
  });

  test('HyperLogLog p=14 within 2% on 1e6 distinct values, exact-ish when small', () => {
    const hll = createHyperLogLog(14);
    for (let i = 0; i < 1_000_000; i++) hll.addNumber(i * 1.5);
    expect(Math.abs(hll.estimate() / 1_000_000 - 1)).toBeLessThan(0.02);
    const small = createHyperLogLog();
    for (let r = 0; r < 3; r++) for (let i = 0; i < 1000; i++) small.addString(`v${i}`);
    expect(Math.abs(small.estimate() - 1000)).toBeLessThan(20);
  });
});
