import { describe, expect, test } from 'vitest';
import { createProfileAccumulator, profileTable } from '../../../../src/core/profile';
import { createRng } from '../../../../src/core/stats';
import { isNumeric, type Table } from '../../../../src/core/table/types';
import { loadSample } from './helpers';

function slice(table: Table, from: number, to: number): Table {
  return {
    name: table.name,
    rowCount: to - from,
    columns: table.columns.map((c) => (isNumeric(c) ? { ...c, values: c.values.slice(from, to) } : { ...c, codes: c.codes.slice(from, to) })),
  };
}

function streamed(table: Table, batch: number) {
  const acc = createProfileAccumulator({ name: table.name, columns: table.columns.map((c) => ({ name: c.name, type: c.type })) });
  for (let r = 0; r < table.rowCount; r += batch) acc.add(slice(table, r, Math.min(table.rowCount, r + batch)));
  return acc.finish();
}

describe('createProfileAccumulator', () => {
  test('batches of a real sample give the exact figures of profileTable', () => {
    const table = loadSample('seattle-weather.csv', { date: 'datetime' });
    const whole = profileTable(table);
    const report = streamed(table, 100);
    expect(report.dataset.approximate).toBe(true);
    expect(report.dataset.rows).toBe(whole.dataset.rows);
    expect(report.missing).toEqual(whole.missing);
    for (const [i, p] of report.columns.entries()) {
      const w = whole.columns[i];
      expect([p.name, p.type, p.count, p.missing]).toEqual([w.name, w.type, w.count, w.missing]);
      expect(Math.abs(p.distinct - w.distinct)).toBeLessThanOrEqual(Math.max(2, 0.02 * w.distinct));
      if (w.numeric) {
        for (const k of ['min', 'max', 'mean', 'std', 'skewness', 'kurtosis', 'sum'] as const) expect(p.numeric![k]).toBeCloseTo(w.numeric[k], 8);
        expect(p.numeric!.zeros).toBe(w.numeric.zeros);
        expect(p.approximate).toBe(true);
      }
      if (w.categorical) expect(p.categorical!.top).toEqual(w.categorical.top);
      if (w.datetime) expect([p.datetime!.byMonth, p.datetime!.byYear]).toEqual([w.datetime.byMonth, w.datetime.byYear]);
    }
    const pw = whole.correlations.pearson!;
    report.correlations.pearson!.matrix.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(pw.matrix[i][j], 10)));
  });

  test('1e6 values in 10 batches: quantiles within 0.5% rank, distinct within 2%', () => {
    const n = 1_000_000;
    const rng = createRng(11);
    const values = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 1e6) / 10);
    const table: Table = { name: 'big', rowCount: n, columns: [{ name: 'x', type: 'float', inferredType: 'float', values }] };
    const report = streamed(table, 100_000);
    const sorted = values.slice().sort();
    const exactDistinct = new Set(values).size;
    const p = report.columns[0];
    expect(Math.abs(p.distinct / exactDistinct - 1)).toBeLessThan(0.02);
    for (const [key, q] of Object.entries(p.numeric!.quantiles)) {
      let rank = 0;
      while (rank < n && sorted[rank] <= q) rank++;
      expect(Math.abs(rank / n - Number(key)), `q${key}`).toBeLessThan(0.005);
    }
    expect(Math.abs(report.dataset.duplicateRows - (n - exactDistinct))).toBeLessThan(0.02 * n);
  });
});
