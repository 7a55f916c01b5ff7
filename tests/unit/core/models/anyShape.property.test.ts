/**
 * Every model kind, on every awkward table shape a real file may have, either trains or refuses
 * with a RecipeError/TrainingError whose one-line message names the cause and the fix. Tables go
 * through the reader and the proposed recipe, as in the studio and the CLI.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { disposeModel, MODELS, randomSearch, runExperiment, trainModel, TrainingError, useBackend, type ModelKind, type ModelSpec } from '../../../../src/core/models';
import { proposeRecipe, RecipeError, type Recipe } from '../../../../src/core/recipe';
import { memorySource, readTable, type Table } from '../../../../src/core/table';
import { SHAPES, shapeCsv, type Shape, type TargetKind } from './tableShapes';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Small settings, so a few hundred trainings stay quick; the shapes, not the sizes, are under test. */
const QUICK: Partial<Record<ModelKind, ModelSpec['options']>> = { mlp: { epochs: 2 }, gbdt: { rounds: 5 }, forest: { trees: 5 } };
const KINDS = [...(Object.keys(MODELS) as ModelKind[]), 'auto'] as const;

/** Trains like `modelbench train --model KIND` (auto: a search over each kind's defaults, then the best). */
async function trainKind(table: Table, kind: ModelKind | 'auto'): Promise<Record<string, number>> {
  const recipe: Recipe = proposeRecipe(table, undefined, 'y');
  let spec: ModelSpec = { kind: kind === 'auto' ? 'baseline' : kind, seed: 1, options: kind === 'auto' ? {} : (QUICK[kind] ?? {}) };
  if (kind === 'auto') {
    const board = await randomSearch(table, recipe, { trials: 5, seed: 1 });
    spec = { ...board[0].spec, options: { ...board[0].spec.options, ...QUICK[board[0].spec.kind] } };
  }
  const result = await runExperiment(table, recipe, spec);
  disposeModel(result.model);
  return result.metrics;
}

type Outcome = { trained: Record<string, number> } | { refused: Error };

async function outcome(table: Table, kind: ModelKind | 'auto'): Promise<Outcome> {
  try {
    return { trained: await trainKind(table, kind) };
  } catch (e) {
    return { refused: e as Error };
  }
}

/** What each refusal must say, by shape; shapes absent here must train on every kind that fits the task. */
const REFUSALS: Partial<Record<Shape, RegExp>> = {
  constant: /^No usable input columns: 'unit' holds the same value in every row, which this recipe drops; 'version' holds the same value.*Add a column/,
  onlyTarget: /^No input columns: the table holds only the target 'y'\. Add the columns/,
  oneClass: /^Target 'y' holds one value \('(yes|7)'\) in every row.*Pick another target/,
  targetMissing: /^Target 'y' is empty in every row.*Pick the column that holds what to predict/,
};

/** Refusals a shape may meet, depending on its generated rows. */
const MAY_REFUSE: Partial<Record<Shape, RegExp>> = {
  fewRows: /^Too few rows to test the model: all \d rows with a target went to training.*Add rows to the file, or raise the test share/,
};

function fitsTask(kind: ModelKind | 'auto', target: TargetKind): boolean {
  return kind === 'auto' || MODELS[kind].tasks.includes(target === 'number' ? 'regression' : 'binary');
}

describe('any table shape trains or says why not', () => {
  for (const shape of SHAPES) {
    test(shape, async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom<TargetKind>('label', 'number'), async (seed, target) => {
          const { table } = await readTable(memorySource(shapeCsv(shape, target, seed), `${shape}.csv`));
          for (const kind of KINDS) {
            const result = await outcome(table, kind);
            const where = `${shape}, ${target} target, ${kind}, seed ${seed}`;
            if ('trained' in result) {
              expect(REFUSALS[shape], `${where} trained but should refuse`).toBeUndefined();
              // Log loss and RMSE exist on any test rows (AUC needs both classes there, which a handful of rows may lack).
              expect(Number.isFinite(result.trained[target === 'number' ? 'rmse' : 'logLoss']), where).toBe(true);
              continue;
            }
            const e = result.refused;
            expect(e instanceof RecipeError || e instanceof TrainingError, `${where}: ${e.name}: ${e.message}`).toBe(true);
            expect(e.message, where).not.toMatch(/\n|SymbolicTensor|undefined|NaN|\bat \w+ \(/);
            const allowed = REFUSALS[shape] ? [REFUSALS[shape]] : [MAY_REFUSE[shape], fitsTask(kind, target) ? undefined : /does not support (binary|regression) tasks; choose one of/];
            expect(allowed.some((r) => r?.test(e.message)), `${where} refused: ${e.message}`).toBe(true);
          }
        }),
        { numRuns: 2, seed: 17 },
      );
    });
  }

  test('free text trains every kind through the proposed text step, and a recipe that drops it names that step', async () => {
    const { table } = await readTable(memorySource(shapeCsv('freeText', 'label', 5), 'text.csv'));
    const recipe = proposeRecipe(table, undefined, 'y');
    expect(recipe.steps).toContainEqual({ kind: 'text', columns: ['description'] });
    for (const kind of ['logistic', 'mlp', 'gbdt', 'forest'] as const) {
      const result = await runExperiment(table, recipe, { kind, seed: 1, options: QUICK[kind] ?? {} });
      expect(result.fitted.featureNames.length).toBeGreaterThan(3);
      expect(result.fitted.featureNames.every((f) => f.startsWith('description:'))).toBe(true);
      disposeModel(result.model);
    }
    const dropped: Recipe = { ...recipe, steps: [{ kind: 'drop', columns: ['description'] }] };
    await expect(runExperiment(table, dropped, { kind: 'logistic', seed: 1, options: QUICK.logistic ?? {} })).rejects.toThrow(
      /^No usable input columns: 'description' is free text, which this recipe drops\. .*turn 'description' into word features with a text step/,
    );
  });

  test('networks given model-ready rows with no feature refuse in words, not with a TF.js internal error', async () => {
    const data = { task: 'binary' as const, X: new Float32Array(0), n: 6, d: 0, y: Int32Array.of(0, 1, 0, 1, 0, 1), numClasses: 2 };
    for (const kind of ['logistic', 'mlp'] as const) {
      await expect(trainModel({ kind, options: QUICK[kind] ?? {} }, data)).rejects.toThrow(/^The model has no input features to learn from; add a column/);
    }
  });
});
