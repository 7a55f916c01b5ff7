import { describe, expect, test } from 'vitest';
import { profileTable } from '../../../../src/core/profile';
import type { ColumnType } from '../../../../src/core/table/types';
import { expectClose, loadSample, reference } from './helpers';

const SAMPLES: [string, string, Record<string, ColumnType>][] = [
  ['penguins', 'penguins.json', {}],
  ['cars', 'cars.json', { Name: 'text', Year: 'datetime' }],
  ['movies', 'movies.json', { Title: 'text', Director: 'text', Distributor: 'text', 'Release Date': 'text' }],
  ['seattle-weather', 'seattle-weather.csv', { date: 'datetime' }],
  ['breast-cancer', 'breast-cancer.csv', {}],
];

describe.each(SAMPLES)('profileTable on %s matches pandas/NumPy/SciPy', (key, file, types) => {
  const ref = reference.datasets[key];
  const report = profileTable(loadSample(file, types));
  const col = (name: string) => report.columns.find((c) => c.name === name)!;

  test('overview: rows, duplicates, missing co-occurrence', () => {
    expect(report.dataset.rows).toBe(ref.rows);
    expect(report.dataset.duplicateRows).toBe(ref.duplicates);
    expect(report.missing.columns).toEqual(ref.missing.columns);
    expect(report.missing.cooccurrence).toEqual(ref.missing.cooccurrence);
  });

  test.each(Object.keys(ref.columns))('column %s', (name) => {
    const r = ref.columns[name];
    const p = col(name);
    expect([p.count, p.missing, p.distinct]).toEqual([r.count, r.missing, r.distinct]);
    if (p.numeric) {
      const n = p.numeric;
      for (const k of ['min', 'max', 'mean', 'std', 'variance', 'sum', 'skewness', 'kurtosis', 'mad'] as const) expectClose(n[k], r[k], 1e-9, `${name}.${k}`);
      for (const q of Object.keys(r.quantiles)) expectClose(n.quantiles[q as '0.5'], r.quantiles[q], 1e-12, `${name} q${q}`);
      expect([n.zeros, n.negatives, n.outliers.count]).toEqual([r.zeros, r.negatives, r.outliers]);
      expect(n.histogram.counts).toEqual(r.histogram.counts);
      n.histogram.edges.forEach((e, i) => expectClose(e, r.histogram.edges[i], 1e-12, `${name} edge ${i}`));
    }
    if (r.top) {
      expect(p.categorical!.top).toEqual(r.top);
      expectClose(p.categorical!.imbalance, r.imbalance, 1e-9, `${name} imbalance`);
    }
    if (r.length) {
      const t = p.text!;
      expect([t.length.min, t.length.max]).toEqual([r.length.min, r.length.max]);
      expectClose(t.length.mean, r.length.mean, 1e-12, `${name} mean length`);
      for (const q of Object.keys(r.length.quantiles)) expectClose(t.length.quantiles[q as '0.5'], r.length.quantiles[q], 1e-12);
      expect(t.topTokens).toEqual(r.topTokens);
    }
    if (r.byMonth) {
      const d = p.datetime!;
      expect([d.min, d.max]).toEqual([r.min, r.max]);
      expect(d.byYear).toEqual(r.byYear);
      expect(d.byMonth).toEqual(r.byMonth);
      expect(d.byWeekday).toEqual(r.byWeekday);
    }
  });

  test('correlations: Pearson, Spearman, Cramér’s V, η', () => {
    for (const kind of ['pearson', 'spearman', 'cramers_v'] as const) {
      const mine = report.correlations[kind];
      const theirs = ref[kind];
      if (theirs.columns.length < 2) continue;
      expect(mine!.columns).toEqual(theirs.columns);
      theirs.matrix.forEach((row: (number | null)[], i: number) =>
        row.forEach((v, j) => expectClose(mine!.matrix[i][j], v, 1e-9, `${kind} ${theirs.columns[i]}~${theirs.columns[j]}`)),
      );
    }
    const eta = report.correlations.eta;
    for (const [num, byCat] of Object.entries(ref.eta as Record<string, Record<string, number>>)) {
      for (const [cat, v] of Object.entries(byCat)) {
        expectClose(eta!.matrix[eta!.columns.indexOf(num)][eta!.columns.indexOf(cat)], v, 1e-9, `eta ${num}~${cat}`);
      }
    }
  });
});
