import { beforeAll, describe, expect, test } from 'vitest';
import { disposeModel, modelImportance, runExperiment, trainModel, useBackend, type ModelSpec } from '../../../../src/core/models';
import { proposeRecipe, splitRows, transformRecipe } from '../../../../src/core/recipe';
import { breastCancer, penguins } from '../recipe/tableOf';

// The WASM backend keeps this file fast; determinism and leaks are checked on the CPU backend elsewhere.
beforeAll(async () => {
  expect(await useBackend('wasm')).toBe('wasm');
});

describe('models beat the baseline on real samples', () => {
  test.each<[string, ModelSpec]>([
    ['logistic', { kind: 'logistic', seed: 1 }],
    ['mlp', { kind: 'mlp', seed: 1, options: { epochs: 60 } }],
  ])('penguins species (multiclass) with %s', async (_, spec) => {
    const t = penguins();
    const result = await runExperiment(t, proposeRecipe(t, undefined, 'Species'), spec);
    try {
      expect(result.comparison.beatsBaseline).toBe(true);
      expect(result.metrics.accuracy).toBeGreaterThan(0.95);
      expect(result.metrics.logLoss).toBeLessThan(result.baselineMetrics.logLoss / 3);
      expect(result.rows.missingTarget).toBe(0);
      expect(result.history.length).toBeGreaterThan(1);
    } finally {
      disposeModel(result.model);
    }
  });

  test('breast cancer (binary) with the default MLP, with 3-fold CV', async () => {
    const t = breastCancer();
    const result = await runExperiment(t, proposeRecipe(t, undefined, 'diagnosis'), { kind: 'mlp', seed: 2, options: { epochs: 40 } }, {}, { crossValidate: 3 });
    try {
      expect(result.metrics.rocAuc).toBeGreaterThan(0.97);
      expect(result.baselineMetrics.rocAuc).toBe(0.5);
      expect(result.cv?.folds).toBe(3);
      expect(result.cv?.metrics.rocAuc.values).toHaveLength(3);
      expect(result.cv!.metrics.rocAuc.mean).toBeGreaterThan(0.95);
    } finally {
      disposeModel(result.model);
    }
  });

  test.each<[string, ModelSpec]>([
    ['linear', { kind: 'linear' }],
    ['mlp', { kind: 'mlp', seed: 3, options: { epochs: 80 } }],
  ])('penguin body mass (regression) with %s', async (_, spec) => {
    const t = penguins();
    const result = await runExperiment(t, proposeRecipe(t, undefined, 'Body Mass (g)'), spec);
    try {
      expect(result.fitted.task).toBe('regression');
      expect(result.rows.missingTarget).toBe(2);
      expect(result.metrics.r2).toBeGreaterThan(0.75);
      expect(result.metrics.rmse).toBeLessThan(result.baselineMetrics.rmse * 0.6);
    } finally {
      disposeModel(result.model);
    }
  });
});

test('trainModel reports epochs, honours early stopping and rejects a wrong task', async () => {
  const rows = 200;
  const X = Float32Array.from({ length: rows * 2 }, (_, i) => Math.sin(i * 12.9898) * 2);
  // Every seventh label flipped, so the classes overlap and the validation loss bottoms out.
  const y = Int32Array.from({ length: rows }, (_, i) => (X[i * 2] + X[i * 2 + 1] > 0 !== (i % 7 === 0) ? 1 : 0));
  const epochs: number[] = [];
  const r = await trainModel({ kind: 'logistic', seed: 4, options: { epochs: 500, patience: 5 } }, { task: 'binary', X, n: rows, d: 2, y, numClasses: 2 }, { onEpoch: (e) => epochs.push(e.epoch) });
  expect(epochs.length).toBe(r.history.length);
  expect(epochs.length).toBeLessThan(500);
  expect(r.bestEpoch).toBe(epochs.length - 5);
  disposeModel(r.model);
  await expect(trainModel({ kind: 'linear' }, { task: 'binary', X, n: rows, d: 2, y, numClasses: 2 })).rejects.toThrow(/does not support binary/);
  await expect(trainModel({ kind: 'mlp', options: { units: 'many' } }, { task: 'binary', X, n: rows, d: 2, y, numClasses: 2 })).rejects.toThrow(/^Neural network \(MLP\): Units per layer is "many"; it must be a whole number from [\d,]+ to [\d,]+\.$/);
});

test('WASM backend: same spec and seed → same metrics to 6 decimals', async () => {
  const t = penguins();
  const recipe = proposeRecipe(t, undefined, 'Species');
  const run = async () => {
    const r = await runExperiment(t, recipe, { kind: 'mlp', seed: 9, options: { epochs: 8, dropout: 0.2, earlyStopping: false } });
    disposeModel(r.model);
    return [r.metrics.logLoss.toFixed(6), r.metrics.accuracy.toFixed(6), r.history.at(-1)!.loss.toFixed(6)];
  };
  expect(await run()).toEqual(await run());
});

test('modelImportance groups one-hot and indicator columns by input column and ranks them', async () => {
  const t = penguins();
  const recipe = proposeRecipe(t, undefined, 'Species');
  const r = await runExperiment(t, recipe, { kind: 'logistic', seed: 1, options: { epochs: 60 } });
  try {
    const test = transformRecipe(r.fitted, t, splitRows(t, 'Species', recipe.split).test);
    const importance = await modelImportance(r.model, test, r.fitted, { metric: 'accuracy', repeats: 3, seed: 1 });
    expect(importance.map((i) => i.name).sort()).toEqual(['Beak Depth (mm)', 'Beak Length (mm)', 'Body Mass (g)', 'Flipper Length (mm)', 'Island', 'Sex']);
    expect(importance[0].mean).toBeGreaterThan(0.05);
    expect(importance[0].name).toMatch(/Beak|Flipper/);
    // The experiment's own explanation: curves for the top columns, exact contributions per row.
    const e = r.explanation!;
    expect(e.dependence!.curves.map((c) => c.column)).toEqual(e.permutation.slice(0, 5).map((p) => p.name));
    expect(e.dependence!.output).toMatch(/^probability of “.+”$/);
    expect(e.dependence!.note).toMatch(/is the class the model predicts most often/);
    expect(e.contributions!.method).toBe('coefficients');
    expect(e.contributions!.scale).toBe('log-odds (softmax score)');
  } finally {
    disposeModel(r.model);
  }
});
