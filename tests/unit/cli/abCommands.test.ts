/** `modelbench compare` and `modelbench ab-bundle` end to end on tiny models trained on breast-cancer.csv. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { abBundleCommand, parseAbBundleArgs } from '../../../src/cli/abBundle';
import { compareBundles, compareCommand, comparisonInput, parseCompareArgs } from '../../../src/cli/compare';
import { main } from '../../../src/cli/main';
import { buildBundle, type BundleInput, type RowPrediction } from '../../../src/core/deploy';
import { disposeModel } from '../../../src/core/models';
import { writeCsv } from '../../../src/core/table';
import { breastCancer, trainTiny, type Tiny } from '../core/deploy/trainTiny';
import { variantName } from '../../../src/core/abtest';

let dir: string;
let mlp: Tiny;
let base: Tiny;
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
const error = vi.spyOn(console, 'error').mockImplementation(() => {});

function input(t: Tiny, name: string): BundleInput {
  const model: BundleInput['model'] = t.files ? { kind: 'tf', modelKind: 'mlp', files: t.files } : { kind: 'baseline', baseline: t.result.model as never };
  return { name, version: 1, fitted: t.result.fitted, model, createdAt: '2026-01-01T00:00:00.000Z' };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelbench-ab-cli-'));
  const table = breastCancer();
  mlp = await trainTiny(table, 'diagnosis', { kind: 'mlp', seed: 3, options: { epochs: 8, units: 8 } });
  base = await trainTiny(table, 'diagnosis', { kind: 'baseline', seed: 3, options: {} });
  await writeFile(join(dir, 'champion.zip'), buildBundle(input(base, 'prior')).zip);
  await writeFile(join(dir, 'challenger.zip'), buildBundle(input(mlp, 'net')).zip);
  await writeFile(join(dir, 'test.csv'), writeCsv(table));
}, 60_000);
afterAll(async () => {
  disposeModel(mlp.result.model);
  await rm(dir, { recursive: true, force: true });
  log.mockRestore();
  error.mockRestore();
});

describe('parseCompareArgs', () => {
  test('takes bundles then the test file', () => {
    expect(parseCompareArgs(['a.zip', 'b.zip', 't.csv', '--target', 'y'])).toEqual({ bundles: ['a.zip', 'b.zip'], testFile: 't.csv', target: 'y', seed: 0, resamples: 2000 });
  });
  test.each([
    [['a.zip', 't.csv', '--target', 'y'], /at least two bundles/],
    [['a.zip', 'b.zip', 't.csv'], /--target COL is required/],
    [['a.zip', 'b.zip', 'c.zip', '--target', 'y'], /must be the test file/],
    [['a.zip', 'b.zip', 't.csv', '--target', 'y', '--resamples', '10'], /--resamples must be a whole number ≥ 1000/],
    [['a.zip', 'b.zip', 't.csv', '--wat', 'y'], /Unknown flag "--wat"/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCompareArgs(argv)).toThrow(message);
  });
});

describe('comparisonInput', () => {
  const preprocess = { task: 'binary', target: 'y', classes: ['no', 'yes'] } as never;
  test('drops rows with a missing or unseen target or a refused prediction, and counts them', () => {
    const p = (yes: number): RowPrediction => ({ label: yes >= 0.5 ? 'yes' : 'no', probabilities: { no: 1 - yes, yes } });
    const a = [p(0.9), p(0.2), p(0.7), { error: 'bad' }, p(0.1)];
    const b = [p(0.6), p(0.4), p(0.3), p(0.5), p(0.8)];
    const out = comparisonInput(['yes', null, 'maybe', 'no', 'no'], [{ name: 'a', preprocess, predictions: a }, { name: 'b', preprocess, predictions: b }]);
    expect(out.task).toBe('binary');
    expect(Array.from(out.rows)).toEqual([0, 4]);
    expect(Array.from(out.yTrue)).toEqual([1, 0]);
    expect(out.dropped).toEqual({ missingTarget: 1, unseenClass: 1, refused: 1 });
    expect(Array.from(out.predictions[1].probabilities!)).toEqual([0.4, 0.6, 0.19999999999999996, 0.8]);
  });
  test('refuses models of different targets', () => {
    const other = { task: 'regression', target: 'z', classes: null } as never;
    expect(() => comparisonInput(['1'], [{ name: 'a', preprocess, predictions: [] }, { name: 'b', preprocess: other, predictions: [] }])).toThrow(/"b" predicts regression 'z'.*same target/);
  });
});

describe('modelbench compare', () => {
  test('scores both bundles through their scorer.mjs and finds the network better than the prior', async () => {
    const out = await compareBundles(parseCompareArgs([join(dir, 'champion.zip'), join(dir, 'challenger.zip'), join(dir, 'test.csv'), '--target', 'diagnosis']));
    expect(out.task).toBe('binary');
    expect(out.n).toBe(569);
    expect(out.models.map((m) => m.name)).toEqual(['prior v1', 'net v1']);
    const c = out.comparisons[0];
    expect(c.primaryMetric).toBe('rocAuc');
    expect(out.models[0].metrics.rocAuc).toBe(0.5);
    expect(out.models[1].metrics.rocAuc).toBeGreaterThan(0.9);
    expect(c.better).toBe('net v1');
    expect(c.verdict).toMatch(/net v1/);
    expect(out.trainedOnTestFile).toEqual([]);
  });
  test('prints the same JSON as compareBundles; the prior scores the majority share', async () => {
    let text = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((text += String(chunk)), true));
    const argv = [join(dir, 'champion.zip'), join(dir, 'challenger.zip'), join(dir, 'test.csv'), '--target', 'diagnosis', '--resamples', '1000', '--seed', '5'];
    const code = await compareCommand(argv);
    write.mockRestore();
    expect(code).toBe(0);
    const json = JSON.parse(text);
    expect(json).toEqual(JSON.parse(JSON.stringify(await compareBundles(parseCompareArgs(argv)))));
    // breast-cancer.csv: 357 benign of 569 rows (pandas value_counts); the prior always says benign.
    expect(json.models[0].metrics.accuracy).toBeCloseTo(357 / 569, 12);
    expect(json.comparisons[0].differences.find((d: { metric: string }) => d.metric === 'accuracy').ci[0]).toBeGreaterThan(0);
  });
  test('warns when the test file is the one a model was trained on', async () => {
    const table = breastCancer();
    const bytes = new TextEncoder().encode(writeCsv(table));
    const { createHash } = await import('node:crypto');
    const fingerprint = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    await writeFile(join(dir, 'seen.zip'), buildBundle({ ...input(mlp, 'seen'), data: { name: 'test.csv', rows: 569, fingerprint } }).zip);
    const out = await compareBundles(parseCompareArgs([join(dir, 'champion.zip'), join(dir, 'seen.zip'), join(dir, 'test.csv'), '--target', 'diagnosis', '--resamples', '1000']));
    expect(out.trainedOnTestFile).toEqual(['seen v1']);
  });
  test('exits 2 with the usage on bad flags', async () => {
    expect(await main(['compare', 'a.zip'])).toBe(2);
    expect(error).toHaveBeenLastCalledWith(expect.stringMatching(/Usage: modelbench compare/));
  });
});

describe('parseAbBundleArgs', () => {
  test('reads weights, names and shadow', () => {
    expect(parseAbBundleArgs(['a.zip', 'b.zip', '--weights', '90,10', '--shadow', '--out', 'ab.zip'])).toEqual({ bundles: ['a.zip', 'b.zip'], weights: [90, 10], shadow: true, out: 'ab.zip' });
  });
  test.each([
    [['a.zip', '--weights', '1', '--out', 'x'], /at least two model bundles/],
    [['a.zip', 'b.zip', '--weights', '90', '--out', 'x'], /gives 1 value\(s\) for 2 bundle/],
    [['a.zip', 'b.zip', '--weights', '0,0', '--out', 'x'], /all zero/],
    [['a.zip', 'b.zip', '--weights', '9,x', '--out', 'x'], /"x", which is not a number/],
    [['a.zip', 'b.zip', '--weights', '9,1'], /--out ab.zip is required/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseAbBundleArgs(argv)).toThrow(message);
  });
  test('variantName makes safe, unique folder names', () => {
    const taken = new Set<string>();
    expect(variantName('Penguin model', 2, taken)).toBe('Penguin-model-v2');
    expect(variantName('Penguin model', 2, taken)).toBe('Penguin-model-v2-2');
    expect(variantName('../evil', 1, taken)).toBe('evil-v1');
  });
});

describe('modelbench ab-bundle', () => {
  test('packs both scorers under variants/ with a router that routes 90/10 and logs decisions', async () => {
    const out = join(dir, 'ab.zip');
    expect(await abBundleCommand([join(dir, 'champion.zip'), join(dir, 'challenger.zip'), '--weights', '90,10', '--out', out])).toBe(0);
    const files = unzipSync(new Uint8Array(await readFile(out)));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['router.mjs', 'router.json', 'README.md', 'variants/prior-v1/scorer.mjs', 'variants/net-v1/scorer.mjs', 'variants/net-v1/manifest.json']));
    expect(strFromU8(files['README.md'])).toMatch(/prior-v1 \(champion\) \| 90 %/);
    const root = join(dir, 'ab');
    for (const [path, bytes] of Object.entries(files)) {
      await import('node:fs/promises').then((fs) => fs.mkdir(join(root, path, '..'), { recursive: true }));
      await writeFile(join(root, path), bytes);
    }
    const router = await import(pathToFileURL(join(root, 'router.mjs')).href);
    const decisions: { variant: string; prediction: RowPrediction[] }[] = [];
    const r = router.createRouter({ onDecision: (d: never) => decisions.push(d) });
    const row = Object.fromEntries(mlp.result.fitted.inputSchema.map((c) => [c.name, null]));
    for (let i = 0; i < 2000; i++) await r.predict(`unit-${i}`, [row]);
    const challenger = decisions.filter((d) => d.variant === 'net-v1').length;
    expect(decisions).toHaveLength(2000);
    expect(challenger).toBeGreaterThan(140);
    expect(challenger).toBeLessThan(260);
    expect('label' in decisions[0].prediction[0]).toBe(true);
  });
  test('refuses a damaged bundle', async () => {
    const bad = join(dir, 'bad.zip');
    const bytes = new Uint8Array(await readFile(join(dir, 'challenger.zip')));
    bytes[bytes.length - 200] ^= 0xff;
    await writeFile(bad, bytes);
    expect(await abBundleCommand([join(dir, 'champion.zip'), bad, '--weights', '50,50', '--out', join(dir, 'x.zip')])).toBe(1);
  });
});
