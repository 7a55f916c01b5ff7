import { describe, expect, test } from 'vitest';
import { analyseTarget, computePca, findDuplicates, profileTable } from '../../../../src/core/profile';
import { columnFrom, loadSample, tableFrom } from './helpers';

describe('findDuplicates', () => {
  test('exact rows, NaN equal to NaN, examples listed', () => {
    const t = tableFrom({ a: [1, 2, 1, null, null, 1], b: ['x', 'y', 'x', 'z', 'z', 'w'] });
    const d = findDuplicates(t);
    expect(d.duplicateRows).toBe(2);
    expect(d.duplicateExamples).toEqual([
      { row: 2, firstRow: 0, values: [1, 'x'] },
      { row: 4, firstRow: 3, values: [null, 'z'] },
    ]);
  });

  test('rows whose hashes collide are told apart by the cell check', () => {
    // 200k distinct rows over two columns: any 32-bit hash collision must not count.
    const n = 200_000;
    const t = { name: 't', rowCount: n, columns: [columnFrom('a', Array.from({ length: n }, (_, i) => i)), columnFrom('b', Array.from({ length: n }, (_, i) => (i * 7) % 13))] };
    expect(findDuplicates(t).duplicateRows).toBe(0);
  });
});

describe('analyseTarget', () => {
  test('classification target ranks features with named measures and gives chart data', () => {
    const t = analyseTarget(loadSample('penguins.json'), 'Species');
    expect(t.task).toBe('classification');
    expect(t.classBalance).toEqual([
      { value: 'Adelie', count: 152 },
      { value: 'Gentoo', count: 124 },
      { value: 'Chinstrap', count: 68 },
    ]);
    const measures = Object.fromEntries(t.associations.map((a) => [a.column, a.measure]));
    expect(measures['Island']).toBe('cramers_v');
    expect(measures['Body Mass (g)']).toBe('eta');
    for (let i = 1; i < t.associations.length; i++) expect(t.associations[i - 1].value).toBeGreaterThanOrEqual(t.associations[i].value);
    const box = t.pairs.find((p) => p.column === 'Body Mass (g)');
    expect(box?.kind).toBe('box');
    const stacked = t.pairs.find((p) => p.column === 'Island');
    expect(stacked?.kind === 'stacked' && stacked.counts.flat().reduce((s, c) => s + c, 0)).toBe(344);
  });

  test('regression target: scatter ≤ 2000 points with a least-squares line', () => {
    const x = Array.from({ length: 5000 }, (_, i) => i);
    const t = analyseTarget(tableFrom({ x, y: x.map((v) => 3 * v + 2) }), 'y');
    const pair = t.pairs[0];
    expect(pair.kind).toBe('scatter');
    if (pair.kind !== 'scatter') return;
    expect(pair.x.length).toBe(2000);
    expect(pair.trend!.slope).toBeCloseTo(3, 10);
    expect(pair.trend!.intercept).toBeCloseTo(2, 8);
    expect(t.associations[0]).toEqual({ column: 'x', measure: 'pearson', value: 1 });
  });

  test('unknown target names the columns', () => {
    expect(() => analyseTarget(tableFrom({ a: [1] }), 'b')).toThrow(/Target column "b".*"a"/);
  });
});

describe('computePca', () => {
  test('two correlated features: PC1 explains nearly all variance', () => {
    const x = Array.from({ length: 300 }, (_, i) => Math.sin(i) * 10);
    const p = computePca(tableFrom({ x, y: x.map((v, i) => 2 * v + Math.cos(i * 7) * 0.1), label: x.map((v) => (v > 0 ? 'pos' : 'neg')) }), 'label')!;
    expect(p.explainedVarianceRatio[0]).toBeGreaterThan(0.99);
    expect(p.explainedVarianceRatio[0] + p.explainedVarianceRatio[1]).toBeCloseTo(1, 9);
    expect(p.points).toHaveLength(300);
    expect(p.points[0].target).toBe(x[0] > 0 ? 'pos' : 'neg');
  });
});

describe('profileTable hooks', () => {
  test('sections and progress are reported; an aborted signal stops the work', () => {
    const sections: string[] = [];
    let last = [0, 0];
    profileTable(loadSample('penguins.json'), { target: 'Species' }, { onSection: (s) => sections.push(s.kind), onProgress: (d, t) => (last = [d, t]) });
    expect(sections.filter((s) => s === 'column')).toHaveLength(7);
    expect(sections).toEqual(expect.arrayContaining(['duplicates', 'missing', 'correlations', 'target', 'pca']));
    expect(last[0]).toBe(last[1]);
    const ac = new AbortController();
    ac.abort();
    expect(() => profileTable(loadSample('penguins.json'), {}, { signal: ac.signal })).toThrow();
  });

  test('huge tables sample correlations and say so', () => {
    const x = Array.from({ length: 3000 }, (_, i) => i % 97);
    const r = profileTable(tableFrom({ x, y: x.map((v) => v * 2) }), { correlationSampleRows: 1000 });
    expect(r.correlations.sampled).toBe(true);
    expect(r.correlations.sampledRows).toBe(1000);
    expect(r.correlations.pearson!.matrix[0][1]).toBeCloseTo(1, 12);
  });
});
