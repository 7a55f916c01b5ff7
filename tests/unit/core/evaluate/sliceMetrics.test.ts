import { describe, expect, test } from 'vitest';
import { evaluateClassification, evaluateRegression, rocAuc, sliceMetrics, type SliceReport } from '../../../../src/core/evaluate';
import { niceCuts } from '../../../../src/core/evaluate/sliceGroups';
import { sliceGapWords, sliceJson, sliceLabel } from '../../../../src/core/explain';
import { createRng } from '../../../../src/core/stats';
import type { Column, Table } from '../../../../src/core/table';

const numeric = (name: string, values: number[], type: 'integer' | 'float' | 'boolean' | 'datetime' = 'float'): Column => ({ name, type, inferredType: type, values: Float64Array.from(values) });
function categorical(name: string, values: (string | null)[]): Column {
  const dictionary = [...new Set(values.filter((v): v is string => v !== null))].sort();
  return { name, type: 'categorical', inferredType: 'categorical', dictionary, codes: Int32Array.from(values, (v) => (v === null ? -1 : dictionary.indexOf(v))) };
}
const labels = (r: SliceReport, column: string) => r.slices.filter((s) => s.column === column).map((s) => sliceLabel(s.key));

/** 612 rows: Aachen and Bergen (200 each) predicted well, Oslo (200) at random, 12 "Rare" rows wrongly. Ages 18–80; income missing on every 10th row. */
function binaryCase() {
  const rng = createRng(7);
  const n = 612;
  const city = Array.from({ length: n }, (_, i) => (i < 12 ? 'Rare' : ['Aachen', 'Bergen', 'Oslo'][i % 3]));
  const age = Array.from({ length: n }, () => 18 + rng.int(63));
  const income = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? NaN : 20_000 + rng.next() * 80_000));
  const y = Int32Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
  const output = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const p = city[i] === 'Rare' ? 1 - y[i] * 0.9 : city[i] === 'Oslo' ? rng.next() : y[i] ? 0.6 + 0.4 * rng.next() : 0.4 * rng.next();
    output[i * 2] = 1 - p;
    output[i * 2 + 1] = p;
  }
  const table: Table = { name: 't', rowCount: n, columns: [categorical('city', city), numeric('age', age, 'integer'), numeric('income', income)] };
  // Evaluated in reverse order, to check that positions map back to source rows.
  const rows = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
  const yEval = Int32Array.from(rows, (r) => y[r]);
  const outEval = new Float32Array(n * 2);
  rows.forEach((r, i) => outEval.set(output.subarray(r * 2, r * 2 + 2), i * 2));
  return { table, rows, target: { task: 'binary' as const, y: yEval, output: outEval, classes: 2 } };
}

describe('sliceMetrics', () => {
  test('binary: the clearly worse category comes first, the tiny one after every slice with enough rows', () => {
    const { table, rows, target } = binaryCase();
    const r = sliceMetrics(table, rows, ['city', 'age', 'income'], target);
    expect(r.metric).toBe('rocAuc');
    expect(r.secondary).toBe('accuracy');
    expect(r.overall).toBeCloseTo(evaluateClassification(target.y, target.output, ['0', '1']).metrics.rocAuc, 12);
    expect(r.slices[0]).toMatchObject({ column: 'city', key: { kind: 'category', value: 'Oslo' }, rows: 200, small: false });
    expect(r.slices[0].worseBy).toBeGreaterThan(0.2);
    const rare = r.slices.findIndex((s) => s.key.kind === 'category' && s.key.value === 'Rare');
    expect(r.slices[rare]).toMatchObject({ rows: 12, small: true });
    expect(r.slices.slice(0, rare).every((s) => !s.small)).toBe(true);
    expect(r.slices.slice(rare).every((s) => s.small)).toBe(true);
    // Every column's slices cover every row once.
    for (const c of r.columns) expect(r.slices.filter((s) => s.column === c).reduce((a, s) => a + s.rows, 0)).toBe(612);
    expect(sliceGapWords(r.slices[0], r)).toMatch(/^0\.\d+ worse$/);
    expect(sliceMetrics(table, rows, ['city', 'age', 'income'], target)).toEqual(r);
  });

  test('a column missing or constant in every row is no slice: it would repeat the overall figure', () => {
    const { table, rows, target } = binaryCase();
    const n = table.rowCount;
    const wide: Table = { ...table, columns: [...table.columns, numeric('empty', Array.from({ length: n }, () => NaN)), categorical('same', Array.from({ length: n }, () => 'x'))] };
    const r = sliceMetrics(wide, rows, ['empty', 'city', 'same'], target);
    expect(r.columns).toEqual(['city']);
    expect(r.slices.every((s) => s.column === 'city')).toBe(true);
    expect(r.slices).toEqual(sliceMetrics(table, rows, ['city'], target).slices);
  });

  test('numbers are cut into quintiles with readable edges, and missing values are a slice of their own', () => {
    const { table, rows, target } = binaryCase();
    const r = sliceMetrics(table, rows, ['age', 'income'], target);
    const ages = labels(r, 'age').sort((a, b) => parseInt(a) - parseInt(b));
    expect(ages).toHaveLength(5);
    expect(ages[0]).toMatch(/^18 – \d\d$/);
    expect(ages[4]).toMatch(/^\d\d – 80$/);
    // Integer ages: each range ends one below where the next starts.
    for (let i = 1; i < ages.length; i++) expect(parseInt(ages[i].split(' – ')[0])).toBe(parseInt(ages[i - 1].split(' – ')[1]) + 1);
    const income = r.slices.filter((s) => s.column === 'income');
    expect(income.find((s) => s.key.kind === 'missing')).toMatchObject({ rows: 62 });
    expect(labels(r, 'income')).toContain('missing');
    expect(labels(r, 'income').filter((l) => l !== 'missing').every((l) => /^\d\d,\d{3} – \d\d,\d{3}$/.test(l))).toBe(true);
  });

  test('niceCuts rounds cut points to as few digits as keep them apart', () => {
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => 1000 + i * 3.7);
    expect([...niceCuts(sorted, 4)]).toEqual([1900, 2800, 3800]);
    expect([...niceCuts(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 2)]).toEqual([5]);
    expect([...niceCuts(new Float64Array(0), 5)]).toEqual([]);
  });

  test('categories past the most frequent go to "other"; few-valued numbers and booleans get one slice per value', () => {
    const n = 400;
    const shop = Array.from({ length: n }, (_, i) => `shop ${String(i % 12).padStart(2, '0')}`);
    const table: Table = { name: 't', rowCount: n, columns: [categorical('shop', shop), numeric('floor', Array.from({ length: n }, (_, i) => i % 3), 'integer'), numeric('open', Array.from({ length: n }, (_, i) => i % 2), 'boolean'), categorical('note', shop)] };
    (table.columns[3] as { type: string }).type = 'text';
    const y = Float32Array.from({ length: n }, (_, i) => i % 7);
    const r = sliceMetrics(table, Int32Array.from({ length: n }, (_, i) => i), ['shop', 'floor', 'open', 'note'], { task: 'regression', y, output: y.map((v) => v + 1), classes: 1 }, { maxCategories: 4 });
    expect(r.columns).toEqual(['shop', 'floor', 'open']);
    expect(labels(r, 'shop')).toEqual(expect.arrayContaining(['shop 00', 'shop 03', 'other (8 categories)']));
    expect(labels(r, 'shop')).toHaveLength(5);
    expect(labels(r, 'floor').sort()).toEqual(['0', '1', '2']);
    expect(labels(r, 'open').sort()).toEqual(['false', 'true']);
  });

  test('regression: RMSE and MAE per slice; the slice with large errors comes first', () => {
    const n = 300;
    const region = Array.from({ length: n }, (_, i) => ['north', 'south', 'east'][i % 3]);
    const y = Float32Array.from({ length: n }, (_, i) => i);
    const pred = Float32Array.from(y, (v, i) => v + (region[i] === 'south' ? 10 : i % 2 ? 1 : -1));
    const table: Table = { name: 't', rowCount: n, columns: [categorical('region', region)] };
    const r = sliceMetrics(table, Int32Array.from({ length: n }, (_, i) => i), ['region'], { task: 'regression', y, output: pred, classes: 1 });
    expect(r).toMatchObject({ metric: 'rmse', secondary: 'mae' });
    expect(r.overall).toBeCloseTo(evaluateRegression(y, pred).metrics.rmse, 5);
    expect(r.slices.map((s) => sliceLabel(s.key))).toEqual(['south', 'east', 'north']);
    expect(r.slices[0]).toMatchObject({ metric: 10, secondary: 10, rows: 100 });
    expect(r.slices[2].worseBy).toBeLessThan(0);
    expect(sliceGapWords(r.slices[2], r)).toMatch(/better$/);
  });

  test('multiclass: log loss per slice; ROC AUC undefined slices fall back to accuracy in binary', () => {
    const n = 240;
    const group = Array.from({ length: n }, (_, i) => (i < 120 ? 'sure' : 'unsure'));
    const y = Int32Array.from({ length: n }, (_, i) => i % 3);
    const output = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) output[i * 3 + c] = group[i] === 'sure' ? (c === y[i] ? 0.9 : 0.05) : 1 / 3;
    const table: Table = { name: 't', rowCount: n, columns: [categorical('group', group)] };
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const r = sliceMetrics(table, rows, ['group'], { task: 'multiclass', y, output, classes: 3 });
    expect(r.metric).toBe('logLoss');
    expect(r.slices.map((s) => sliceLabel(s.key))).toEqual(['unsure', 'sure']);
    expect(r.slices[0].metric).toBeCloseTo(Math.log(3), 5);
    // Binary slices holding one class have no ROC AUC: ranked after those that do, by accuracy.
    const yb = Int32Array.from({ length: n }, (_, i) => (i < 120 ? 1 : i % 2));
    const pb = new Float32Array(n * 2).map((_, j) => (j % 2 ? 0.7 : 0.3));
    const b = sliceMetrics(table, rows, ['group'], { task: 'binary', y: yb, output: pb, classes: 2 });
    expect(b.slices.map((s) => sliceLabel(s.key))).toEqual(['unsure', 'sure']);
    expect(Number.isNaN(b.slices[1].metric)).toBe(true);
    expect(sliceGapWords(b.slices[1], b)).toBe('not defined: one class only');
    const json = sliceJson(b);
    expect(json.slices[1]).toEqual({ column: 'group', label: 'sure', rows: 120, metric: null, secondary: 1, worseBy: null, small: false });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test('ROC AUC with tied scores agrees with rocAuc (sklearn roc_auc_score)', () => {
    const rng = createRng(3);
    const n = 500;
    const y = Int32Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
    const output = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) output[i * 2 + 1] = Math.round((0.3 * y[i] + 0.7 * rng.next()) * 10) / 10;
    const table: Table = { name: 't', rowCount: n, columns: [categorical('g', Array.from({ length: n }, (_, i) => (i % 2 ? 'odd' : 'even')))] };
    const r = sliceMetrics(table, Int32Array.from({ length: n }, (_, i) => i), ['g'], { task: 'binary', y, output, classes: 2 });
    expect(r.overall).toBeCloseTo(rocAuc(y, Float64Array.from({ length: n }, (_, i) => output[i * 2 + 1])), 12);
    const odd = Int32Array.from({ length: n / 2 }, (_, i) => 2 * i + 1);
    expect(r.slices.find((x) => sliceLabel(x.key) === 'odd')!.metric).toBeCloseTo(rocAuc(Int32Array.from(odd, (i) => y[i]), Float64Array.from(odd, (i) => output[i * 2 + 1])), 12);
  });

  test('more held-out rows than maxRows: an evenly spaced subset, said so', () => {
    const { table, rows, target } = binaryCase();
    const r = sliceMetrics(table, rows, ['city'], target, { maxRows: 300 });
    expect(r).toMatchObject({ rows: 300, totalRows: 612 });
    expect(r.slices.reduce((a, s) => a + s.rows, 0)).toBe(300);
  });
});
