/**
 * The batched path (TF.js ops on the WASM backend, taken from 1,024 rows) against TF.js's own
 * predictions, and permutation importance through it against the straightforward computation.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { permutationImportance } from '../../../../../src/core/evaluate';
import { useBackend } from '../../../../../src/core/models/backend';
import { readDenseNet, type DenseNet } from '../../../../../src/core/models/explain/denseNet';
import { netForward } from '../../../../../src/core/models/explain/denseForward';
import { densePermutationImportance } from '../../../../../src/core/models/explain/densePermutation';
import { disposeModel, predictAsync } from '../../../../../src/core/models/predict';
import { trainModel } from '../../../../../src/core/models/registry';
import type { NetworkModel, TrainData } from '../../../../../src/core/models/types';
import { createRng } from '../../../../../src/core/stats';

const n = 1500;
const d = 6;
let model: NetworkModel;
let net: DenseNet;
let X: Float32Array;

beforeAll(async () => {
  expect(await useBackend('wasm')).toBe('wasm');
  const rng = createRng(9);
  // Columns 0–1 numeric, 2–4 one-hot, 5 binary.
  X = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    X[i * d] = rng.normal();
    X[i * d + 1] = Math.round(rng.normal() * 2);
    X[i * d + 2 + rng.int(3)] = 1;
    X[i * d + 5] = rng.next() < 0.4 ? 1 : 0;
  }
  const y = Int32Array.from({ length: n }, (_, i) => (X[i * d] + X[i * d + 2] - X[i * d + 5] + 0.3 * rng.normal() > 0 ? 1 : 0));
  const data: TrainData = { task: 'binary', X, n, d, y, numClasses: 2 };
  model = (await trainModel({ kind: 'mlp', seed: 2, options: { epochs: 3, layers: 2, units: 16 } }, data, {})).model as NetworkModel;
  net = (await readDenseNet(model))!;
});
afterAll(() => disposeModel(model));

test('the batched forward pass gives TF.js’s predictions', async () => {
  const ours = await netForward(net)(X, n);
  const theirs = await predictAsync(model, X, n);
  expect(ours).toHaveLength(theirs.length);
  ours.forEach((v, i) => expect(Math.abs(v - theirs[i])).toBeLessThan(1e-5));
});

test('permutation importance through it equals the straightforward computation (float32 rounding)', async () => {
  const score = (out: Float32Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += out[i * 2 + 1] * (i % 3);
    return s / n;
  };
  const groups = [
    { name: 'a', columns: [0] },
    { name: 'b', columns: [1] },
    { name: 'c', columns: [2, 3, 4] },
    { name: 'flag', columns: [5] },
  ];
  const o = { X, n, d, score, groups, repeats: 5, seed: 4 };
  const fast = await densePermutationImportance(net, o);
  const slow = await permutationImportance({ ...o, predict: (x, m) => predictAsync(model, x, m) });
  fast.forEach((f, g) => f.drops.forEach((v, r) => expect(Math.abs(v - slow[g].drops[r])).toBeLessThan(1e-5)));
  expect(Math.max(...fast.map((f) => Math.abs(f.mean)))).toBeGreaterThan(1e-3);
});
