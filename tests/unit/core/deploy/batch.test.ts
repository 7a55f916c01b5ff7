import { parquetReadObjects } from 'hyparquet';
import { describe, expect, test } from 'vitest';
import { checkSchema, modelFromBaseline, predictionsFile, predictionsFormatOf, scoreTable, scorerModule, type RowPrediction, type RowScorer } from '../../../../src/core/deploy';
import type { FittedRecipe } from '../../../../src/core/recipe';
import type { Table } from '../../../../src/core/table/types';
import { cellValue, tableFromArrowIPC } from '../../../../src/core/table';
import { importScorer, tableOf } from './trainTiny';

const fitted: FittedRecipe = {
  version: 1,
  target: 'y',
  task: 'multiclass',
  classes: ['a', 'b', 'c'],
  inputSchema: [
    { name: 'id', type: 'identifier' },
    { name: 'x', type: 'float' },
    { name: 'city', type: 'categorical' },
  ],
  steps: [
    { kind: 'drop', columns: ['id'] },
    { kind: 'impute', columns: [{ name: 'x', fill: 0, indicator: false }] },
    { kind: 'encode', method: 'onehot', columns: [{ name: 'city', vocabulary: ['Oslo', 'Lima'], other: true }] },
  ],
  featureNames: ['x', 'city=Oslo', 'city=Lima', 'city=(other)'],
  embeddings: [],
  trainRows: 10,
};

describe('checkSchema', () => {
  test('reports missing, extra and mistyped columns and unseen categories; the dropped id is optional', () => {
    const t = tableOf({ x: ['1', 'two', null], city: ['Oslo', 'Pune', 'Kyiv'], note: ['n', 'n', 'n'], y: ['a', 'b', 'a'] });
    expect(checkSchema(t, fitted)).toEqual({
      missing: [],
      extra: ['note'],
      mistyped: [{ column: 'x', expected: 'float', actual: 'categorical' }],
      unseen: [{ column: 'city', values: ['Pune', 'Kyiv'], rows: 2 }],
      ok: true,
    });
    const lacking = checkSchema(tableOf({ city: ['Oslo'] }), fitted);
    expect(lacking.missing).toEqual(['x']);
    expect(lacking.ok).toBe(false);
  });
});

describe('scoreTable', () => {
  test('appends prediction, one probability column per class and the per-row error', async () => {
    const scorer = await importScorer(scorerModule(fitted, modelFromBaseline({ kind: 'baseline', task: 'multiclass', output: [0.2, 0.5, 0.3] }, fitted), { name: 'm', version: 1 }));
    const t = tableOf({ x: ['1', 'oops', null, '=1+1'], city: ['Oslo', 'Lima', null, 'Pune'], prediction: [1, 2, 3, 4] });
    const progress: number[] = [];
    const scored = await scoreTable(t, scorer as RowScorer, fitted, { chunk: 3, onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([3, 4]);
    expect(scored.scored).toBe(2);
    expect(scored.refused).toBe(2);
    expect(scored.table.columns.map((c) => c.name)).toEqual(['x', 'city', 'prediction', 'predicted_y', 'p_a', 'p_b', 'p_c', 'error']);
    const csv = new TextDecoder().decode(predictionsFile(scored.table, 'csv')).split('\r\n');
    expect(csv[0]).toBe('x,city,prediction,predicted_y,p_a,p_b,p_c,error');
    // The baseline's priors are float32, as in the studio's predict.
    expect(csv[1]).toBe(`1,Oslo,1,b,${Math.fround(0.2)},0.5,${Math.fround(0.3)},`);
    expect(csv[2]).toBe(`oops,Lima,2,,,,,"Column 'x' holds ""oops"", which is not a number; send a number, a numeric string or null."`);
    // The formula-looking input cell is neutralised by writeCsv.
    expect(csv[4].startsWith(`'=1+1,Pune,4,,,,,`)).toBe(true);
  });

  test('Parquet keeps types and nulls (read back with hyparquet)', async () => {
    const t: Table = tableOf({ v: [1.5, null], flag: [true, null], s: ['a', null], at: ['2024-01-01', null] }, { at: 'datetime' });
    const bytes = predictionsFile(t, 'parquet');
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(rows).toEqual([
      { v: 1.5, flag: true, s: 'a', at: new Date('2024-01-01T00:00:00Z') },
      { v: null, flag: null, s: null, at: null },
    ]);
  });

  test('Arrow keeps types and nulls (read back as Arrow)', () => {
    const t: Table = tableOf({ v: [1.5, null], flag: [true, null], s: ['a', null], at: ['2024-01-01', null] }, { at: 'datetime' });
    const back = tableFromArrowIPC(predictionsFile(t, 'arrow'), 'p.arrow');
    expect(back.columns.map((c) => [c.name, c.type])).toEqual(t.columns.map((c) => [c.name, c.type]));
    expect([0, 1].map((r) => back.columns.map((c) => cellValue(c, r)))).toEqual([0, 1].map((r) => t.columns.map((c) => cellValue(c, r))));
  });

  test('file names pick the format', () => {
    expect(['p.csv', 'p.PARQUET', 'p.arrow', 'p.feather', 'p.txt', 'p'].map(predictionsFormatOf)).toEqual(['csv', 'parquet', 'arrow', 'arrow', undefined, undefined]);
  });

  test('honours an abort signal between chunks', async () => {
    const controller = new AbortController();
    const scorer: RowScorer = { predict: (rows) => rows.map((): RowPrediction => ({ value: 1 })) };
    const t = tableOf({ x: Array.from({ length: 100 }, (_, i) => i) });
    const run = scoreTable(t, scorer, { task: 'regression', target: 'y' }, { chunk: 10, onProgress: (done) => done >= 30 && controller.abort(), signal: controller.signal });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('scores 1,000,000 rows with the real scorer in bounded chunks', async () => {
    const scorer = await importScorer(scorerModule(fitted, modelFromBaseline({ kind: 'baseline', task: 'multiclass', output: [0.2, 0.5, 0.3] }, fitted), { name: 'm', version: 1 }));
    const n = 1_000_000;
    const t: Table = {
      name: 'big',
      rowCount: n,
      columns: [
        { name: 'x', type: 'float', inferredType: 'float', values: Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : i)) },
        { name: 'city', type: 'categorical', inferredType: 'categorical', codes: Int32Array.from({ length: n }, (_, i) => (i % 3) - 1), dictionary: ['Oslo', 'Pune'] },
      ],
    };
    const started = performance.now();
    const scored = await scoreTable(t, scorer as RowScorer, fitted, { chunk: 50_000 });
    console.log(`scoreTable: 1,000,000 rows in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    expect(scored.scored).toBe(n);
    const prediction = scored.table.columns.find((c) => c.name === 'prediction')!;
    expect('codes' in prediction && prediction.codes.every((c) => c === 1)).toBe(true);
  });
});

describe('scorer.mjs and nested rows', () => {
  test('a model on columns read from nested JSON ("user.age") scores rows sent nested, as serve.mjs does', async () => {
    const nested: FittedRecipe = {
      version: 1, target: 'y', task: 'multiclass', classes: ['a', 'b', 'c'],
      inputSchema: [{ name: 'user.age', type: 'float' }, { name: 'user.home.country', type: 'categorical' }],
      steps: [{ kind: 'encode', method: 'onehot', columns: [{ name: 'user.home.country', vocabulary: ['DE', 'FR'], other: true }] }],
      featureNames: ['user.age', 'user.home.country=DE', 'user.home.country=FR', 'user.home.country=(other)'],
      embeddings: [], trainRows: 10,
    };
    const scorer = await importScorer(scorerModule(nested, modelFromBaseline({ kind: 'baseline', task: 'multiclass', output: [0.2, 0.5, 0.3] }, nested), { name: 'm', version: 1 }));
    const flat = scorer.predictOne({ 'user.age': 30, 'user.home.country': 'DE' });
    expect(flat).not.toHaveProperty('error');
    expect(scorer.predictOne({ user: { age: 30, home: { country: 'DE' } } })).toEqual(flat);
    expect(scorer.predict([{ user: { home: { country: 'FR' } } }])[0]).toEqual({ error: expect.stringContaining("'user.age'") });
  });
});
