/** Test helper: a real run of each model kind on the penguins sample, as the studio would keep it and as writeRunFile takes it. */
import { driftProfile } from '../../../../src/core/deploy';
import { disposeModel, layersFiles, runExperiment, useBackend, type ExperimentResult, type ModelSpec } from '../../../../src/core/models';
import { profileTable } from '../../../../src/core/profile';
import { proposeRecipe } from '../../../../src/core/recipe';
import { runTrainingOf, type RunFileInput, type RunModel } from '../../../../src/core/run';
import { penguins } from '../recipe/tableOf';

export const FINGERPRINT = `sha256:${'5e'.repeat(32)}`;
export const TARGET = 'Species';

/** Trains `spec` on penguins (CPU) and returns the studio's view of the run: result, model files and training record. */
export async function trainedRun(spec: ModelSpec): Promise<{ result: ExperimentResult; input: RunFileInput }> {
  await useBackend('cpu');
  const table = penguins();
  const recipe = proposeRecipe(table, undefined, TARGET);
  const result = await runExperiment(table, recipe, spec);
  let model: RunModel;
  if (result.model.kind === 'tf') {
    const { model: layers, ...meta } = result.model;
    model = { ...meta, files: await layersFiles(result.model) };
    void layers;
    disposeModel(result.model);
  } else model = result.model;
  const inputs = result.fitted.inputSchema.map((c) => c.name);
  const profile = driftProfile(profileTable(table, { target: TARGET }), inputs);
  const training = runTrainingOf(result, { fingerprint: FINGERPRINT, rows: table.rowCount }, profile);
  return {
    result,
    input: {
      createdAt: '2026-12-05T10:00:00.000Z',
      data: { name: 'penguins.csv', rows: table.rowCount, fingerprint: FINGERPRINT },
      backend: 'cpu',
      seed: spec.seed ?? null,
      spec: JSON.parse(JSON.stringify(result.spec)),
      recipe: JSON.parse(JSON.stringify(recipe)),
      fitted: JSON.parse(JSON.stringify(result.fitted)),
      metrics: result.metrics,
      training,
      model,
    },
  };
}
