// Section "latency": single-row and 1,000-row scoring of one 2×64 MLP in Node, through the bundle's scorer.mjs,
// TF.js on WASM, TF.js on CPU and onnxruntime-web, all in the same run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { perSec, printTable, verdict } from './format.mjs';

export const name = 'latency';
export const title = 'Scoring latency (2×64 MLP: scorer.mjs vs TF.js WASM/CPU vs onnxruntime-web, Node)';

const SAMPLE = 'public/samples/breast-cancer.csv';
const TARGET = 'diagnosis';
const us = (x) => (x == null || !Number.isFinite(x) ? '—' : x < 10 ? `${x.toFixed(2)} µs` : `${x.toFixed(1)} µs`);

const core = async () => ({
  ...(await tsImport('../../src/core/models/index.ts', import.meta.url)),
  ...(await tsImport('../../src/core/recipe/index.ts', import.meta.url)),
  ...(await tsImport('../../src/core/table/index.ts', import.meta.url)),
  ...(await tsImport('../../src/core/deploy/index.ts', import.meta.url)),
  ...(await tsImport('../../src/cli/nodeSource.ts', import.meta.url)),
});

/** Rows of a table as the objects a caller would send (numbers, strings, null). */
function rowObjects(table) {
  return Array.from({ length: table.rowCount }, (_, r) => Object.fromEntries(table.columns.map((c) => [c.name,
    'values' in c ? (Number.isNaN(c.values[r]) ? null : c.values[r]) : c.codes[r] < 0 ? null : c.dictionary[c.codes[r]]])));
}

/** Trains the default MLP (2 × 64) on the sample with the CPU backend and builds its bundle. */
async function trainAndBundle(m, log) {
  await m.useBackend('cpu');
  const { table } = await m.readTable(await m.nodeFileSource(SAMPLE));
  const recipe = m.proposeRecipe(table, undefined, TARGET);
  const t0 = performance.now();
  const result = await m.runExperiment(table, { ...recipe, split: { ...recipe.split, folds: 0 } }, { kind: 'mlp', seed: 42 });
  log(`  trained the MLP on ${SAMPLE} in ${((performance.now() - t0) / 1000).toFixed(1)} s (test ROC AUC ${result.metrics.rocAuc?.toFixed(4)})`);
  const files = await m.layersFiles(result.model);
  const bundle = m.buildBundle({ name: 'latency-bench', version: 1, fitted: result.fitted, model: { kind: 'tf', modelKind: 'mlp', files } });
  m.disposeModel(result.model);
  return { table, result, files, bundle };
}

/** Imports scorer.mjs from a temporary file, as a deployment would. */
async function importScorer(source) {
  const dir = await mkdtemp(join(tmpdir(), 'mb-latency-'));
  const path = join(dir, 'scorer.mjs');
  await writeFile(path, source);
  try {
    return await import(pathToFileURL(path).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const batchOf = (rows, size) => Array.from({ length: size }, (_, i) => rows[i % rows.length]);

async function measureScorer(m, bundle, rows) {
  const scorer = await importScorer(new TextDecoder().decode(bundle.files['scorer.mjs']));
  const batch = batchOf(rows, 1000);
  const first = scorer.predictOne(rows[0]);
  if ('error' in first) throw new Error(`scorer.mjs refused row 0 of ${SAMPLE}: ${first.error}`);
  return m.measureLatency((i) => scorer.predictOne(rows[i % rows.length]), () => scorer.predict(batch), { path: 'scorer.mjs', calls: 20_000, warmup: 2000, batches: 20 });
}

/** TF.js `predict` + `dataSync` on rows already transformed by the fitted recipe (preprocessing not timed). */
async function measureTf(m, backend, files, x) {
  const tf = await import('@tensorflow/tfjs');
  const used = await m.useBackend(backend);
  if (used !== backend) return { unavailable: `TF.js fell back to ${used}` };
  const model = await m.loadLayersFiles(files);
  const d = x.X.length / x.n;
  const singles = Array.from({ length: x.n }, (_, i) => tf.tensor2d(x.X.subarray(i * d, (i + 1) * d), [1, d]));
  const batchX = new Float32Array(1000 * d).map((_, k) => x.X[k % x.X.length]);
  const batch = tf.tensor2d(batchX, [1000, d]);
  const run = (t) => tf.tidy(() => model.predict(t).dataSync());
  try {
    return await m.measureLatency((i) => run(singles[i % x.n]), () => run(batch), { path: `tfjs-${backend}`, calls: 3000, warmup: 300, batches: 20 });
  } finally {
    tf.dispose([...singles, batch]);
    model.dispose();
  }
}

/** onnxruntime-web (WASM, 1 thread) running model.onnx, preprocessing inside the graph; feeds built before timing. */
async function measureOnnx(m, bundle, rows, fitted) {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bundle.files['model.onnx']);
  const tensors = (feeds) => Object.fromEntries(Object.entries(feeds).map(([k, f]) => [k, new ort.Tensor(f.type, f.data, f.dims)]));
  const singles = rows.map((row) => tensors(m.onnxInputs([row], fitted).feeds));
  const batch = tensors(m.onnxInputs(batchOf(rows, 1000), fitted).feeds);
  try {
    return await m.measureLatency((i) => session.run(singles[i % rows.length]), () => session.run(batch),
      { path: 'onnxruntime-web', calls: 5000, warmup: 500, batches: 20 });
  } finally {
    await session.release();
  }
}

/** Runs the section: prints p50/p99 per path and 1,000-row throughput against the scorer.mjs target. */
export async function run(ctx) {
  const m = await core();
  const { table, result, files, bundle } = await trainAndBundle(m, ctx.log);
  const rows = rowObjects(table).map(({ [TARGET]: _, ...rest }) => rest);
  const x = m.transformRecipe(result.fitted, table);
  const reports = [];
  const failures = [];
  for (const [label, fn] of [
    ['scorer.mjs', () => measureScorer(m, bundle, rows)],
    ['TF.js WASM', () => measureTf(m, 'wasm', files, x)],
    ['TF.js CPU', () => measureTf(m, 'cpu', files, x)],
    ['onnxruntime-web', () => measureOnnx(m, bundle, rows, result.fitted)],
  ]) {
    ctx.log(`  measuring ${label}…`);
    try {
      reports.push({ label, ...(await fn()) });
    } catch (error) {
      failures.push(`${label}: ${error.message ?? error}`);
      reports.push({ label, unavailable: String(error.message ?? error) });
    }
  }
  const scorer = reports[0];
  const rowsOut = reports.map((r) => [r.label, us(r.single?.p50Us), us(r.single?.p99Us), us(r.single?.meanUs), r.single?.calls ?? '—',
    perSec(r.batch?.rowsPerSecond), r.single && scorer.single ? `${(r.single.p50Us / scorer.single.p50Us).toFixed(1)}×` : '—',
    r.label === 'scorer.mjs' ? '< 100 µs p99' : '', r.label === 'scorer.mjs' ? verdict(r.single?.p99Us, { below: 100 }) : '']);
  printTable(`Scoring one 2×64 MLP (${x.featureNames.length} features) trained on ${SAMPLE}`,
    ['path', 'single-row p50', 'p99', 'mean', 'calls', '1,000-row batch', 'p50 vs scorer.mjs', 'target', 'verdict'], rowsOut, [
      `Node ${process.version}, one process, paths measured one after another with src/core/deploy measureLatency (performance.now per call; batch = 20 timed calls of 1,000 rows after one untimed).`,
      'scorer.mjs: predictOne(row object) → label and probabilities, preprocessing included; imported from a temp file of the built bundle.',
      'TF.js: model.predict(tensor2d [1, d]).dataSync() on rows already transformed by the fitted recipe (preprocessing not timed; tensors built before timing).',
      'onnxruntime-web: session.run on model.onnx (preprocessing inside the graph) with per-row feeds built before timing; WASM, 1 thread.',
      ...reports.filter((r) => r.unavailable).map((r) => `${r.label}: unavailable (${r.unavailable})`),
    ]);
  if (failures.length) throw new Error(`latency: ${failures.join(' | ')}`);
  return Object.fromEntries(reports.map((r) => [r.label, { single: r.single, batch: r.batch, unavailable: r.unavailable }]));
}
