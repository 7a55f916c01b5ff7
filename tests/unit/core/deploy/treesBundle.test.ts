import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { exportCommand } from '../../../../src/cli/export';
import { buildBundle, treeSummary, verifyBundle, type BundleInput } from '../../../../src/core/deploy';
import type { TreeEnsemble } from '../../../../src/core/models';
import { writeCsv } from '../../../../src/core/table';
import { mixedTable, treesCase } from './randomTrees';
import { importScorer, rowsOf } from './trainTiny';

const createdAt = '2026-01-02T03:04:05.000Z';

function bundleOf(shape: Parameters<typeof treesCase>[0]) {
  const c = treesCase(shape, { trees: 12, depth: 3 });
  const input: BundleInput = { name: 'delays', version: '4', fitted: c.fitted, model: { kind: 'trees', ensemble: c.ensemble }, metrics: { rmse: 1.5 }, createdAt };
  return { ...c, bundle: buildBundle(input) };
}

describe('buildBundle with a tree ensemble', () => {
  test('writes every portable file and no TF.js files; the manifest verifies', () => {
    const { bundle } = bundleOf('binary-gbdt');
    expect(Object.keys(bundle.files).sort()).toEqual(['Dockerfile', 'README.md', 'index.html', 'manifest.json', 'model.onnx', 'model.sql', 'preprocess.json', 'scorer.mjs', 'serve.mjs', 'sql/bigquery-onnx.sql', 'sql/synapse-predict.sql', 'trees.json']);
    expect(bundle.model.source).toBe('trees');
    expect(bundle.model.layers).toEqual([]);
    expect(verifyBundle(bundle.zip).ok).toBe(true);
  });

  test('the card names the kind in words, the size, the depth, the rounds and the top features by gain', () => {
    const { bundle, fitted, ensemble } = bundleOf('multiclass-gbdt');
    const card = strFromU8(bundle.files['README.md']);
    const summary = treeSummary(ensemble, fitted.featureNames);
    expect(card).toContain('A gradient-boosted trees model for multiclass classification');
    expect(card).toContain(`Gradient-boosted trees: 12 trees (4 boosting rounds), max depth ${summary.maxDepth}.`);
    expect(card).toContain('Top features by total split gain');
    expect(card).toContain(`| ${summary.topFeatures[0].name} |`);
    expect(card).toContain('are not imputed');
    expect(card).not.toMatch(/TF\.js|baseline model/);
  });

  test('a forest is called a random forest, with no boosting rounds', () => {
    const { bundle } = bundleOf('regression-forest');
    const card = strFromU8(bundle.files['README.md']);
    expect(card).toContain('A random forest model for regression');
    expect(card).toContain('Random forest: 12 trees, max depth');
    expect(card).not.toContain('boosting round');
  });

  test('the demo page scores with the same classic-script scorer as scorer.mjs', async () => {
    const { bundle, table } = bundleOf('multiclass-forest');
    const html = strFromU8(bundle.files['index.html']);
    const script = /<script>([\s\S]*?ModelbenchScorer[\s\S]*?)<\/script>/.exec(html)![1];
    const context: { ModelbenchScorer?: { predict(rows: unknown[]): unknown[] } } = {};
    runInNewContext(script, Object.assign(context, { atob, Float32Array, Float64Array, Int32Array, Uint32Array, Uint8Array, DataView, ArrayBuffer, Map, Set, JSON, Math, Date, Array, Object, String, Number, TypeError, Error }));
    const module = await importScorer(strFromU8(bundle.files['scorer.mjs']));
    const rows = rowsOf(table).slice(0, 30);
    expect(JSON.parse(JSON.stringify(context.ModelbenchScorer!.predict(rows)))).toEqual(module.predict(rows));
  });
});

describe('treeSummary', () => {
  test('sums gain by feature, ignores non-finite gains, and counts depth in splits', () => {
    const e: TreeEnsemble = {
      kind: 'trees', modelKind: 'gbdt', task: 'regression', numClasses: 1, outputs: 1, width: 1, base: [0], treeOutput: [0, 0], aggregate: 'sum', link: 'identity', features: 3, categorical: [],
      trees: [
        { feature: [0, 2], threshold: [1, 2], categories: [null, null], missingLeft: [true, false], left: [1, -1], right: [-3, -2], cover: [1, 1], leafValue: [1, 2, 3], leafCover: [1, 1, 1], gain: [5, 1] },
        { feature: [2], threshold: [0], categories: [null], missingLeft: [true], left: [-1], right: [-2], cover: [1], leafValue: [1, 2], leafCover: [1, 1], gain: [Number.NaN] },
      ],
    };
    const s = treeSummary(e, ['a', 'b', 'c']);
    expect(s).toMatchObject({ kind: 'gradient-boosted trees', trees: 2, maxDepth: 2, rounds: 2 });
    expect(s.topFeatures.map((f) => [f.name, f.gain])).toEqual([['a', 5], ['c', 1]]);
    expect(s.topFeatures[0].share).toBeCloseTo(5 / 6, 12);
  });
});

describe('modelbench export of a trees run directory', () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  let dir = '';
  afterAll(async () => {
    log.mockRestore();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('reads trees.json and writes a bundle whose scorer matches buildBundle', async () => {
    dir = await mkdtemp(join(tmpdir(), 'modelbench-trees-cli-'));
    const { fitted, ensemble, bundle } = bundleOf('regression-gbdt');
    const run = join(dir, 'run');
    await mkdir(run);
    await writeFile(join(dir, 'train.csv'), writeCsv(mixedTable('regression')));
    await writeFile(join(run, 'trees.json'), JSON.stringify(ensemble));
    await writeFile(join(run, 'run.json'), JSON.stringify({ version: 1, input: { file: join(dir, 'train.csv'), rows: 300 }, spec: { kind: 'gbdt' }, fittedRecipe: fitted, modelFiles: ['trees.json'] }));
    const out = join(dir, 'bundle.zip');
    expect(await exportCommand([run, '--out', out, '--name', 'delays', '--version', '4'])).toBe(0);
    const files = unzipSync(new Uint8Array(await readFile(out)));
    expect(files['model.json']).toBeUndefined();
    expect(strFromU8(files['scorer.mjs'])).toBe(strFromU8(bundle.files['scorer.mjs']));
    expect(strFromU8(files['README.md'])).toContain('A gradient-boosted trees model for regression');
  });
});
