/**
 * Our side of the `explain` bench, run in Node through tsx: an MLP of the studio's default size trained on the
 * flight-delay task for a couple of epochs (an explanation's cost depends on the model's size, not its accuracy),
 * then, timed apart, the studio's own explanation code on the test rows.
 */
import { readFile } from 'node:fs/promises';
import { nodeFileSource } from '../../src/cli/nodeSource';
import { denseForward } from '../../src/core/models/explain/denseForward';
import { dependenceCurves } from '../../src/core/models/explain/dependence';
import { explainModel } from '../../src/core/models/explainModel';
import { disposeModel, modelImportance, predictAsync, toTrainData, trainModel, useBackend } from '../../src/core/models';
import { fitRecipe, parseRecipe, transformRecipe } from '../../src/core/recipe';
import { readTable } from '../../src/core/table';

export interface ExplainFigures {
  testRows: number;
  epochs: number;
  /** Permutation importance, 5 repeats, on every test row. */
  permutationMs: number;
  /** Partial dependence with ICE lines for the top 5 columns (the studio's defaults: 500 rows, 40 ICE lines). */
  dependenceMs: number;
  pdRows: number;
  gridPoints: number[];
  top: string[];
  /** `explainModel` as the Train stage runs it after training (≤ 5,000 rows; importance, curves, row contributions). */
  studioMs: number;
}

export async function measureExplain(files: { train: string; test: string; recipe: string }, epochs = 2): Promise<ExplainFigures> {
  await useBackend('wasm');
  const recipe = parseRecipe(JSON.parse(await readFile(files.recipe, 'utf8')), files.recipe);
  const train = (await readTable(await nodeFileSource(files.train))).table;
  const test = (await readTable(await nodeFileSource(files.test))).table;
  const fitted = fitRecipe(train, recipe);
  const trainX = transformRecipe(fitted, train);
  const testX = transformRecipe(fitted, test);
  const { model } = await trainModel({ kind: 'mlp', seed: 42, options: { epochs, earlyStopping: false } }, toTrainData(trainX, fitted));
  try {
    if (model.kind !== 'tf') throw new Error(`expected a network, got ${model.kind}`);
    // The predictor partial dependence uses (explainModel picks the same one).
    const predict = (await denseForward(model)) ?? ((X: Float32Array, n: number) => predictAsync(model, X, n));
    let t0 = performance.now();
    // A network of dense layers takes modelImportance's own path: every shuffle, every row, predicting only what it changes.
    const importance = await modelImportance(model, testX, fitted, { repeats: 5, seed: 0 });
    const permutationMs = performance.now() - t0;
    const pred = await predictAsync(model, testX.X, testX.n);
    t0 = performance.now();
    const curves = await dependenceCurves(predict, testX, fitted, importance.map((i) => i.name), pred, { seed: 0 });
    const dependenceMs = performance.now() - t0;
    t0 = performance.now();
    await explainModel(model, testX, fitted);
    const studioMs = performance.now() - t0;
    return { testRows: testX.n, epochs, permutationMs, dependenceMs, pdRows: curves.curves[0]?.rows ?? 0,
      gridPoints: curves.curves.map((c) => c.x.length), top: curves.curves.map((c) => c.column), studioMs };
  } finally {
    disposeModel(model);
  }
}
