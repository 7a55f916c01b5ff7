import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkpointBuffers, disposeModel, runExperiment, TrainingError, useBackend, type Checkpoint, type ModelSpec } from '../../../../src/core/models';
import { proposeRecipe, type Recipe } from '../../../../src/core/recipe';
import { createRng } from '../../../../src/core/stats';
import type { Table } from '../../../../src/core/table';
import { penguins } from '../recipe/tableOf';

beforeAll(async () => {
  await useBackend('cpu');
});

const species = () => {
  const table = penguins();
  return { table, recipe: proposeRecipe(table, undefined, 'Species') };
};
const bodyMass = () => {
  const table = penguins();
  return { table, recipe: proposeRecipe(table, undefined, 'Body Mass (g)') };
};

/** Metrics and per-epoch figures to 6 decimals (elapsed time left out). */
const figures = (r: Awaited<ReturnType<typeof runExperiment>>) => ({
  metrics: Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, v.toFixed(6)])),
  history: r.history.map(({ elapsedMs: _t, ...e }) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, typeof v === 'number' ? v.toFixed(6) : v]))),
  bestEpoch: r.bestEpoch,
});

async function straight(table: Table, recipe: Recipe, spec: ModelSpec) {
  const r = await runExperiment(table, recipe, spec);
  disposeModel(r.model);
  return figures(r);
}

/** Trains until epoch `k` has been checkpointed, then stops the run as a lost device would. */
async function checkpointAt(table: Table, recipe: Recipe, spec: ModelSpec, k: number): Promise<Checkpoint> {
  let kept: Checkpoint | null = null;
  const controller = new AbortController();
  const run = runExperiment(table, recipe, spec, {
    signal: controller.signal,
    onCheckpoint: (c) => {
      if (c.epoch === k) {
        kept = c;
        controller.abort();
      }
    },
  });
  // After the last epoch no batch is left to notice the abort.
  await run.then((r) => disposeModel(r.model), (e: unknown) => expect(e).toMatchObject({ name: 'AbortError' }));
  expect(kept).not.toBeNull();
  // As the bridge receives it from the worker: a structured clone.
  return structuredClone(kept!);
}

async function resumed(table: Table, recipe: Recipe, spec: ModelSpec, c: Checkpoint) {
  const epochs: number[] = [];
  const r = await runExperiment(table, recipe, spec, { resumeFrom: c, onEpoch: (e) => epochs.push(e.epoch) });
  disposeModel(r.model);
  return { ...figures(r), epochs };
}

describe('createRng state', () => {
  test('setState(getState()) replays the same numbers, and a fresh generator can take over', () => {
    const rng = createRng(123);
    for (let i = 0; i < 5; i++) rng.next();
    const saved = rng.getState();
    const ahead = [rng.next(), rng.int(1000), rng.normal()];
    rng.setState(saved);
    expect([rng.next(), rng.int(1000), rng.normal()]).toEqual(ahead);
    const other = createRng(999);
    other.setState(saved);
    rng.setState(saved);
    expect(Array.from({ length: 4 }, () => other.next())).toEqual(Array.from({ length: 4 }, () => rng.next()));
  });
});

describe('training checkpoints', () => {
  test.each([
    ['MLP, multiclass, dropout, no early stopping', species, { kind: 'mlp', seed: 3, options: { epochs: 8, units: 16, dropout: 0.3, batchSize: 32, earlyStopping: false } }, 3],
    ['MLP, regression, early stopping, plateau schedule', bodyMass, { kind: 'mlp', seed: 9, options: { epochs: 12, units: 16, batchSize: 16, patience: 4, schedule: 'plateau' } }, 5],
    ['logistic, cosine schedule, balanced class weights', species, { kind: 'logistic', seed: 1, options: { epochs: 7, batchSize: 64, schedule: 'cosine', classWeight: 'balanced', earlyStopping: false } }, 2],
  ] as const)('%s: k epochs + checkpoint + restore + the rest = the straight run to 6 decimals', async (_name, data, spec, k) => {
    const { table, recipe } = data();
    const whole = await straight(table, recipe, spec as ModelSpec);
    const c = await checkpointAt(table, recipe, spec as ModelSpec, k);
    expect(c.epoch).toBe(k);
    expect(c.history.map((e) => e.epoch)).toEqual(Array.from({ length: k }, (_, i) => i + 1));
    const before = tf.memory().numTensors;
    const after = await resumed(table, recipe, spec as ModelSpec, c);
    expect(tf.memory().numTensors, 'tensors left after a resumed run').toBe(before);
    // Only the epochs after the checkpoint are trained (and reported) again.
    expect(after.epochs[0]).toBe(k + 1);
    expect({ metrics: after.metrics, history: after.history, bestEpoch: after.bestEpoch }).toEqual(whole);
  });

  test('a checkpoint of the last epoch resumes without training and gives the same model', async () => {
    const { table, recipe } = species();
    const spec: ModelSpec = { kind: 'mlp', seed: 4, options: { epochs: 4, units: 8, earlyStopping: false } };
    const whole = await straight(table, recipe, spec);
    const c = await checkpointAt(table, recipe, spec, 4);
    expect(c.done).toBe(true);
    const after = await resumed(table, recipe, spec, c);
    expect(after.epochs).toEqual([]);
    expect(after.metrics).toEqual(whole.metrics);
  });

  test('an early stop is marked done, so a resume trains no further epochs', async () => {
    const { table, recipe } = bodyMass();
    const spec: ModelSpec = { kind: 'mlp', seed: 2, options: { epochs: 400, units: 8, patience: 1, learningRate: 0.05 } };
    const seen: Checkpoint[] = [];
    const before = tf.memory().numTensors;
    const r = await runExperiment(table, recipe, spec, { onCheckpoint: (c) => seen.push(c) });
    disposeModel(r.model);
    expect(tf.memory().numTensors, 'tensors left after taking checkpoints').toBe(before);
    const last = seen.at(-1)!;
    expect(last.epoch).toBeLessThan(400);
    expect(last.done).toBe(true);
    expect(seen.slice(0, -1).every((c) => !c.done)).toBe(true);
    expect(last.bestEpoch).toBe(r.bestEpoch);
  });

  test('holds weights, both Adam moments, the row order and the RNG position', async () => {
    const { table, recipe } = species();
    const spec: ModelSpec = { kind: 'mlp', seed: 5, options: { epochs: 3, units: 8, layers: 1, earlyStopping: false } };
    const c = await checkpointAt(table, recipe, spec, 2);
    // 1 hidden layer: kernel + bias, output kernel + bias.
    expect(c.shapes).toHaveLength(4);
    expect(c.weights.map((w) => w.length)).toEqual(c.shapes.map((s) => s.reduce((a, b) => a * b, 1)));
    expect(c.optimizer.moments).toHaveLength(8);
    expect(c.optimizer.iterations).toBeGreaterThan(0);
    expect(c.optimizer.moments[4].some((v) => v > 0)).toBe(true);
    expect([...c.order].sort((a, b) => a - b)).toEqual(Array.from({ length: c.order.length }, (_, i) => i));
    expect(Number.isInteger(c.rngState)).toBe(true);
    const buffers = checkpointBuffers(c);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toHaveLength(4 + 8 + 1 + (c.best ? 4 : 0));
  });

  test('a checkpoint from another model shape is refused with a message', async () => {
    const { table, recipe } = species();
    const c = await checkpointAt(table, recipe, { kind: 'mlp', seed: 5, options: { epochs: 3, units: 8, earlyStopping: false } }, 1);
    const before = tf.memory().numTensors;
    const run = runExperiment(table, recipe, { kind: 'mlp', seed: 5, options: { epochs: 3, units: 16, earlyStopping: false } }, { resumeFrom: c });
    await expect(run).rejects.toBeInstanceOf(TrainingError);
    await expect(run).rejects.toThrow(/The checkpoint of epoch 1 does not fit this model .* Train again from the start\./);
    expect(tf.memory().numTensors).toBe(before);
  });
});
