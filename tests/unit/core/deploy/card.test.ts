import { inputExamples } from '../../../../src/core/deploy/inputExamples';
import { runInNewContext } from 'node:vm';
import { strFromU8 } from 'fflate';
import { describe, expect, test } from 'vitest';
import { buildBundle, DeployError, demoPage, modelCard, modelFromBaseline, scorerClassicScript, scorerModule } from '../../../../src/core/deploy';
import type { FittedRecipe } from '../../../../src/core/recipe';
import { importScorer } from './trainTiny';

const hostile = 'x</script><img src=x onerror=alert(1)> *bold* | ```tick```';
const fitted: FittedRecipe = {
  version: 1,
  target: 'pay|ment',
  task: 'binary',
  classes: ['<no>', 'y`es'],
  inputSchema: [
    { name: hostile, type: 'categorical' },
    { name: 'amount ($)', type: 'float' },
  ],
  steps: [
    { kind: 'impute', columns: [{ name: 'amount ($)', fill: 3, indicator: true }] },
    { kind: 'encode', method: 'onehot', columns: [{ name: hostile, vocabulary: ['</script>', '```'], other: false }] },
  ],
  featureNames: ['amount ($)', 'amount ($)_missing', `${hostile}=</script>`, `${hostile}=\`\`\``],
  embeddings: [],
  trainRows: 1234,
};
const baseline = { kind: 'baseline' as const, task: 'binary' as const, output: [0.4, 0.6] };

describe('modelCard', () => {
  const card = modelCard(fitted, {
    name: 'churn *v2*',
    version: 7,
    kind: 'baseline',
    createdAt: '2026-01-02T03:04:05.000Z',
    hasTfjs: false,
    metrics: { accuracy: 0.61234, logLoss: 0.6 },
    baselineMetrics: { accuracy: 0.6, logLoss: 0.67 },
    data: { name: 'train.csv', rows: 1500, fingerprint: 'sha256:abc' },
    split: { method: 'group', groupColumn: 'country_*', testFraction: 0.2, seed: 42 },
    latency: [{ path: 'scorer.mjs', single: { calls: 1000, p50Us: 8.5, p90Us: 9, p95Us: 9.5, p99Us: 20, meanUs: 9 }, batch: { batchSize: 1000, batches: 5, rowsPerSecond: 123456 } }],
  });

  test('escapes names in prose and tables, and states task, data, metrics, latency and limits', () => {
    expect(card).toContain('# churn \\*v2\\* — version 7');
    expect(card).toContain('**pay\\|ment**');
    expect(card).toContain('x&lt;/script>&lt;img src=x onerror=alert(1)> \\*bold\\* \\| \\`\\`\\`tick\\`\\`\\`');
    // Raw text appears only inside fenced code, which renderers show literally.
    expect(card.replace(/^(`{3,})js\n[\s\S]*?\n\1$/gm, '')).not.toContain('<img');
    expect(card).toContain('| accuracy | 0.6123 | 0.6000 |');
    expect(card).toContain('| scorer.mjs | 8.500 | 9.500 | 20.00 | 123,456 |');
    expect(card).toContain('train.csv: 1,500 rows (1,234 used to fit), fingerprint `sha256:abc`');
    expect(card).toContain('On the rows held out for testing: whole groups of country\\_\\*, 20 % held out, seed 42.');
    expect(card).toContain('There are no TF.js files in this bundle.');
    expect(card).not.toContain('tf.loadLayersModel');
  });

  test('code examples quote column names as JSON and use ONNX input names', () => {
    expect(card).toContain(JSON.stringify(hostile));
    expect(card).toContain('"amount____": new ort.Tensor(\'float32\', [3], [1, 1]),');
    // The example's backticks cannot close the fence around it.
    expect(card).toMatch(/^````js$/m);
  });

  test('without model.onnx, the input table has no ONNX column and the files list says why', () => {
    const textCard = modelCard(fitted, { name: 'reviews', version: 1, kind: 'logistic', createdAt: '2026-01-02T03:04:05.000Z', hasTfjs: true, onnxUnavailable: 'ONNX has no tokeniser for the text step.' });
    expect(textCard).toContain('| Column | Type |\n|---|---|\n');
    expect(textCard).not.toContain('ONNX input');
    expect(textCard).toContain('- No `model.onnx`: ONNX has no tokeniser for the text step.');
  });
});

describe('demoPage', () => {
  const model = modelFromBaseline(baseline, fitted);
  const page = demoPage(hostile, fitted.target, scorerClassicScript(fitted, model, { name: hostile, version: 1 }), inputExamples(fitted));

  test('has no external references and no markup from user text', () => {
    expect(page).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toContain('<img');
    expect(page.match(/<\/script>/g)).toHaveLength(3);
    expect(page).toContain("import('./scorer.mjs')");
  });

  test('its inline classic scorer predicts like scorer.mjs', async () => {
    const script = page.slice(page.indexOf('<script>') + 8, page.indexOf('</script>'));
    const context: { ModelbenchScorer?: { predict(rows: unknown[]): unknown[] }; globalThis?: unknown } = {};
    context.globalThis = context;
    runInNewContext(script, Object.assign(context, { atob, Float32Array, Float64Array, Int32Array, DataView, ArrayBuffer, Map, Set, JSON, Math, Date, Array, Object, String, Number, TypeError, Error }));
    const module = await importScorer(scorerModule(fitted, model, { name: hostile, version: 1 }));
    const rows = [{ [hostile]: '</script>', 'amount ($)': null }, { 'amount ($)': 2 }];
    expect(JSON.parse(JSON.stringify(context.ModelbenchScorer!.predict(rows)))).toEqual(module.predict(rows));
  });
});

describe('buildBundle', () => {
  test('refuses a recipe with a derive step, naming it', () => {
    const derived: FittedRecipe = { ...fitted, steps: [...fitted.steps, { kind: 'derive', name: 'bmi', expression: 'd => d.w / d.h', output: 'number' }] };
    expect(() => buildBundle({ name: 'm', version: 1, fitted: derived, model: { kind: 'baseline', baseline } })).toThrow(DeployError);
    expect(() => buildBundle({ name: 'm', version: 1, fitted: derived, model: { kind: 'baseline', baseline } })).toThrow(
      "Derived column 'bmi' (step 3) uses an arquero expression, which the portable bundle cannot run; drop the step, or compute 'bmi' in the data before training, then export again.",
    );
  });

  test('is byte-for-byte reproducible for the same inputs and time', () => {
    const input = { name: 'm', version: 1, fitted, model: { kind: 'baseline' as const, baseline }, createdAt: '2026-01-01T00:00:00.000Z' };
    const a = buildBundle(input);
    const b = buildBundle(input);
    expect(Buffer.from(a.zip).equals(Buffer.from(b.zip))).toBe(true);
    expect(JSON.parse(strFromU8(a.files['manifest.json']))).toMatchObject({ format: 'modelbench-bundle/1', model: { name: 'm', version: 1 }, createdAt: '2026-01-01T00:00:00.000Z' });
  });
});
