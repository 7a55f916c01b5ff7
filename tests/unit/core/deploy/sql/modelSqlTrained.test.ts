/**
 * modelSql on models trained on the bundled samples, every kind and task, run on DuckDB,
 * PostgreSQL (PGlite) and SQLite (sql.js) over the scorer's own feature rows (with an unseen
 * category and missing values in the first rows): values and probabilities agree with scorer.mjs
 * to 1e-9 relative and the labels are identical.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BundleInput } from '../../../../../src/core/deploy';
import { disposeModel, type ModelSpec } from '../../../../../src/core/models';
import type { Recipe } from '../../../../../src/core/recipe';
import type { Table } from '../../../../../src/core/table/types';
import { withEdits } from '../agreement';
import { breastCancer, cars, crafted, penguins, rowsOf, trainTiny, type Tiny } from '../trainTiny';
import { EXECUTED } from './engines';
import { closeEngines, sqlAgreement, type ModelCase } from './modelAgreement';

const trained: Tiny[] = [];
afterAll(async () => {
  trained.forEach((t) => disposeModel(t.result.model));
  await closeEngines();
});

/** Embedding for the city, imputation, scaling: the network reads an embedding row and plain columns. */
const embedded = (r: Recipe): Recipe => ({
  ...r,
  steps: [
    { kind: 'datetime', columns: ['when'], cyclic: true },
    { kind: 'impute', strategy: 'median', indicator: true, columns: ['amount', 'when_year', 'when_day', 'when_month_sin', 'when_month_cos', 'when_weekday_sin', 'when_weekday_cos', 'when_hour_sin', 'when_hour_cos'] },
    { kind: 'encode', method: 'embedding', columns: ['city'] },
    { kind: 'scale', method: 'standard', columns: ['amount', 'when_year', 'when_day'] },
  ],
});

const cases: [string, () => Table, string, ModelSpec, ((r: Recipe) => Recipe)?][] = [
  ['breast cancer (binary, logistic)', breastCancer, 'diagnosis', { kind: 'logistic', seed: 1, options: { epochs: 3 } }],
  ['breast cancer (binary, MLP, sigmoid units)', breastCancer, 'diagnosis', { kind: 'mlp', seed: 2, options: { epochs: 2, units: 8, activation: 'sigmoid' } }],
  ['breast cancer (binary, MLP, relu units)', breastCancer, 'diagnosis', { kind: 'mlp', seed: 12, options: { epochs: 2, units: 8, layers: 2 } }],
  ['breast cancer (binary, forest)', breastCancer, 'diagnosis', { kind: 'forest', seed: 3, options: { trees: 12, maxDepth: 6 } }],
  ['penguins (multiclass, softmax regression)', penguins, 'Species', { kind: 'logistic', seed: 4, options: { epochs: 3 } }],
  ['penguins (multiclass, MLP, tanh units)', penguins, 'Species', { kind: 'mlp', seed: 5, options: { epochs: 2, units: 8, layers: 2, activation: 'tanh' } }],
  ['penguins (multiclass, GBDT)', penguins, 'Species', { kind: 'gbdt', seed: 6, options: { rounds: 15, maxDepth: 4 } }],
  ['penguins (multiclass, forest)', penguins, 'Species', { kind: 'forest', seed: 7, options: { trees: 10, maxDepth: 5 } }],
  ['penguins (multiclass, baseline)', penguins, 'Species', { kind: 'baseline' }],
  ['cars (regression, linear)', cars, 'Miles_per_Gallon', { kind: 'linear' }],
  ['cars (regression, MLP, selu units)', cars, 'Miles_per_Gallon', { kind: 'mlp', seed: 8, options: { epochs: 2, units: 8, activation: 'selu' } }],
  ['cars (regression, GBDT)', cars, 'Miles_per_Gallon', { kind: 'gbdt', seed: 9, options: { rounds: 20, maxDepth: 5 } }],
  ['cars (regression, baseline)', cars, 'Miles_per_Gallon', { kind: 'baseline' }],
  ['crafted (binary, MLP, elu units, embedding)', crafted, 'y', { kind: 'mlp', seed: 10, options: { epochs: 3, units: 8, activation: 'elu' } }, embedded],
  ['crafted (binary, GBDT, categorical splits)', crafted, 'y', { kind: 'gbdt', seed: 11, options: { rounds: 15 } }],
  ['crafted (binary, baseline)', crafted, 'y', { kind: 'baseline' }],
];

describe.each(cases)('modelSql for %s', (_, table, target, spec, edit) => {
  let input: ModelCase;

  beforeAll(async () => {
    const tiny = await trainTiny(table(), target, spec, edit);
    trained.push(tiny);
    const m = tiny.result.model;
    const model: BundleInput['model'] = m.kind === 'tf' ? { kind: 'tf', modelKind: spec.kind, files: tiny.files! } : m.kind === 'trees' ? { kind: 'trees', ensemble: m } : { kind: 'baseline', baseline: m };
    input = { fitted: tiny.result.fitted, model, rows: rowsOf(withEdits(table(), target)) };
  }, 120_000);

  test.each(EXECUTED)('%s agrees with scorer.mjs (1e-9 relative, labels identical)', async (engine) => {
    const a = await sqlAgreement(engine, input);
    expect(a.rows).toBe(input.rows.length);
    expect(a.worst).toBeLessThanOrEqual(1e-9);
    expect(a.labelMismatches).toBe(0);
  });
});
