import { afterAll, describe, expect, test } from 'vitest';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs';
import { disposeModel, loadLayersFiles, predict, type ModelSpec } from '../../../../src/core/models';
import { transformRecipe, type Recipe } from '../../../../src/core/recipe';
import { buildBundle, onnxInputs, verifyBundle, type Bundle, type BundleInput } from '../../../../src/core/deploy';
import type { Table } from '../../../../src/core/table/types';
import { agreement, withEdits } from './agreement';
import { breastCancer, cars, crafted, importScorer, penguins, rowsOf, runOnnx, trainTiny, type Tiny } from './trainTiny';

const trained: Tiny[] = [];
afterAll(() => trained.forEach((t) => disposeModel(t.result.model)));

async function bundleFor(table: Table, target: string, spec: ModelSpec, edit?: (r: Recipe) => Recipe): Promise<{ tiny: Tiny; bundle: Bundle }> {
  const tiny = await trainTiny(table, target, spec, edit);
  trained.push(tiny);
  const { result, files } = tiny;
  const m = result.model;
  const model: BundleInput['model'] = m.kind === 'tf' ? { kind: 'tf', modelKind: spec.kind, files: files! } : m.kind === 'trees' ? { kind: 'trees', ensemble: m } : { kind: 'baseline', baseline: m };
  const bundle = buildBundle({ name: `${table.name}-${spec.kind}`, version: 3, fitted: result.fitted, model, metrics: result.metrics, baselineMetrics: result.baselineMetrics, createdAt: '2026-01-02T03:04:05.000Z' });
  return { tiny, bundle };
}

const craftedRecipe = (method: 'embedding' | 'onehot') => (r: Recipe): Recipe => ({
  ...r,
  steps: [
    { kind: 'datetime', columns: ['when'], cyclic: method === 'embedding' },
    { kind: 'power', method: 'yeo-johnson', columns: ['amount'] },
    { kind: 'impute', strategy: 'median', indicator: true, columns: ['amount', 'when_year', 'when_day', ...(method === 'embedding' ? ['when_month_sin', 'when_month_cos', 'when_weekday_sin', 'when_weekday_cos', 'when_hour_sin', 'when_hour_cos'] : ['when_month', 'when_weekday', 'when_hour'])] },
    { kind: 'clip', columns: ['amount'], lower: 0.05, upper: 0.9 },
    ...(method === 'embedding'
      ? [{ kind: 'encode' as const, method: 'embedding' as const, columns: ['city'] }]
      : [
          { kind: 'impute' as const, strategy: 'constant' as const, value: 'Oslo', indicator: true, columns: ['city'] },
          { kind: 'encode' as const, method: 'onehot' as const, topK: 2, columns: ['city'] },
        ]),
    { kind: 'scale', method: method === 'embedding' ? 'standard' : 'minmax', columns: ['amount', 'when_year', 'when_day'] },
  ],
});

const cases: [string, () => Table, string, ModelSpec, ((r: Recipe) => Recipe)?][] = [
  ['breast cancer (binary, MLP)', breastCancer, 'diagnosis', { kind: 'mlp', seed: 1, options: { epochs: 4, units: 16 } }],
  ['penguins (multiclass, MLP, one-hot + missing)', penguins, 'Species', { kind: 'mlp', seed: 2, options: { epochs: 4, units: 16 } }],
  ['cars (regression, MLP, datetime Year + missing)', cars, 'Miles_per_Gallon', { kind: 'mlp', seed: 3, options: { epochs: 6, units: 16 } }],
  ['crafted (binary, MLP, embedding + cyclic datetime + yeo-johnson + clip)', crafted, 'y', { kind: 'mlp', seed: 4, options: { epochs: 6, units: 8, activation: 'tanh' } }, craftedRecipe('embedding')],
  ['crafted (binary, logistic, one-hot with other + constant fill + minmax + plain datetime)', crafted, 'y', { kind: 'logistic', seed: 5, options: { epochs: 6 } }, craftedRecipe('onehot')],
  ['penguins (multiclass, baseline)', penguins, 'Species', { kind: 'baseline' }],
  ['cars (regression, linear)', cars, 'Miles_per_Gallon', { kind: 'linear' }],
];

describe.each(cases)('%s', (_, table, target, spec, edit) => {
  let tiny: Tiny;
  let bundle: Bundle;

  test('studio, scorer.mjs and model.onnx agree (1e-5, labels exact), also with unseen and missing values', async () => {
    ({ tiny, bundle } = await bundleFor(table(), target, spec, edit));
    for (const t of [table(), withEdits(table(), target)]) {
      const a = await agreement(bundle, tiny.result.model, tiny.result.fitted, t);
      expect(a.rows).toBeGreaterThan(100);
      expect(a.scorerDiff).toBeLessThan(1e-5);
      expect(a.onnxDiff).toBeLessThan(1e-5);
      expect(a.scorerLabelMismatches).toBe(0);
      expect(a.onnxLabelMismatches).toBe(0);
    }
  });

  test('bad rows get the same message from scorer.mjs and onnxInputs, and good rows still score', async () => {
    const fitted = tiny.result.fitted;
    const scorer = await importScorer(strFromU8(bundle.files['scorer.mjs']));
    const good = rowsOf(table())[5];
    const numeric = scorer.meta.inputs.find((c) => ['integer', 'float'].includes(c.type));
    const dated = scorer.meta.inputs.find((c) => c.type === 'datetime');
    const text = scorer.meta.inputs.find((c) => c.type === 'categorical');
    const first = scorer.meta.inputs[0].name;
    const bad: unknown[] = [
      Object.fromEntries(Object.entries(good).filter(([k]) => k !== first)),
      null,
      'a string',
      ...(numeric ? [{ ...good, [numeric.name]: 'twelve' }, { ...good, [numeric.name]: { v: 1 } }] : []),
      ...(dated ? [{ ...good, [dated.name]: 'last tuesday' }] : []),
      ...(text ? [{ ...good, [text.name]: { nested: true } }] : []),
    ];
    const rows = [good, ...bad, good];
    const fromScorer = scorer.predict(rows);
    const fromOnnx = onnxInputs(rows, fitted);
    expect(fromOnnx.fed).toEqual([0, rows.length - 1]);
    expect(fromOnnx.errors.map((e) => e.row)).toEqual(bad.map((_, i) => i + 1));
    fromOnnx.errors.forEach((e) => expect(fromScorer[e.row]).toEqual({ error: e.error }));
    expect(fromOnnx.errors[0].error).toContain(`'${first}' is missing`);
    expect('error' in fromScorer[0]).toBe(false);
    expect(fromScorer[rows.length - 1]).toEqual(fromScorer[0]);
    const onnx = await runOnnx(bundle.files['model.onnx'], fromOnnx.feeds);
    const s = fromScorer[0];
    if ('value' in s) expect((onnx.value.data as Float32Array)[0]).toBeCloseTo(s.value, 3);
    else if ('label' in s) expect((onnx.label.data as string[])[0]).toBe(s.label);
  });

  test('manifest verifies; a tampered or missing file fails', () => {
    expect(verifyBundle(bundle.zip)).toMatchObject({ ok: true, problems: [] });
    const files = unzipSync(bundle.zip);
    const expected = ['README.md', 'index.html', 'manifest.json', 'model.onnx', 'model.sql', 'sql/bigquery-onnx.sql', 'sql/synapse-predict.sql', 'preprocess.json', 'scorer.mjs', 'serve.mjs', 'Dockerfile', ...(spec.kind === 'baseline' ? ['baseline.json'] : ['model.json', 'weights.bin'])];
    expect(Object.keys(files).sort()).toEqual(expected.sort());
    const tampered = { ...files, 'scorer.mjs': new TextEncoder().encode(strFromU8(files['scorer.mjs']).replace('predictOne(row) {', 'predictOne(row) { row = {};')) };
    const check = verifyBundle(zipSync(tampered));
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(['scorer.mjs does not match its SHA-256 in manifest.json; it was changed after export.']);
    const { ['model.onnx']: _, ...without } = files;
    expect(verifyBundle(zipSync(without)).problems).toEqual(['model.onnx is listed in manifest.json but missing from the zip.']);
    expect(verifyBundle(new Uint8Array([1, 2, 3])).ok).toBe(false);
  });

  test.runIf(spec.kind !== 'baseline')('model.json + weights.bin load with TF.js and predict as in the studio', async () => {
    const files = unzipSync(bundle.zip);
    const weights = files['weights.bin'];
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ ...JSON.parse(strFromU8(files['model.json'])), weightSpecs: JSON.parse(strFromU8(files['model.json'])).weightsManifest[0].weights, weightData: weights.slice().buffer }),
    );
    const loaded = await loadLayersFiles({ modelJson: strFromU8(files['model.json']), weights });
    const fitted = tiny.result.fitted;
    const x = transformRecipe(fitted, table());
    const ref = predict(tiny.result.model, x.X, x.n);
    const again = predict({ ...(tiny.result.model as Extract<typeof tiny.result.model, { kind: 'tf' }>), model: loaded }, x.X, x.n);
    expect(Array.from(again)).toEqual(Array.from(ref));
    expect(model.inputs.length).toBe(loaded.inputs.length);
    model.dispose();
    loaded.dispose();
  });
});
