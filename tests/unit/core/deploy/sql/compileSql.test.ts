/**
 * compileSql end to end: models of every kind trained on every bundled sample, the whole query
 * (recipe and model) run over the raw rows on DuckDB, PostgreSQL (PGlite) and SQLite (sql.js),
 * agree with scorer.mjs on the same rows: 1e-9 relative on values and probabilities, identical labels.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ModelSpec } from '../../../../../src/core/models';
import type { Recipe } from '../../../../../src/core/recipe';
import type { Table } from '../../../../../src/core/table/types';
import { breastCancer, cars, crafted, penguins } from '../trainTiny';
import { EXECUTED, openEngine, type Engine } from './engines';
import { endToEnd, sample, train, type Trained } from './sqlCases';

const everyStep = (r: Recipe): Recipe => ({
  ...r,
  steps: [
    { kind: 'datetime', columns: ['when'], cyclic: true },
    { kind: 'power', method: 'yeo-johnson', columns: ['amount'] },
    { kind: 'impute', strategy: 'median', indicator: true, columns: ['amount', 'when_year', 'when_day', ...['month', 'weekday', 'hour'].flatMap((p) => [`when_${p}_sin`, `when_${p}_cos`])] },
    { kind: 'clip', columns: ['amount'], lower: 0.05, upper: 0.9 },
    { kind: 'impute', strategy: 'constant', value: 'Oslo', indicator: true, columns: ['city'] },
    { kind: 'encode', method: 'onehot', topK: 2, columns: ['city'] },
    { kind: 'scale', method: 'minmax', columns: ['amount', 'when_year', 'when_day'] },
  ],
});

/** SQL refuses the text step (tests/unit/core/deploy/textScoring.test.ts), so the movie titles are dropped here instead. */
const titlesDropped = (r: Recipe): Recipe => ({ ...r, steps: r.steps.map((s) => (s.kind === 'text' ? { kind: 'drop', columns: s.columns } : s)) });

const mlp = (seed: number): ModelSpec => ({ kind: 'mlp', seed, options: { epochs: 3, units: 8 } });

const cases: [string, () => Table | Promise<Table>, string, ModelSpec, ((r: Recipe) => Recipe)?][] = [
  ['penguins, MLP (multiclass, one-hot, missing values)', penguins, 'Species', mlp(1)],
  ['penguins, gradient-boosted trees (categorical splits)', penguins, 'Species', { kind: 'gbdt', seed: 2, options: { rounds: 20 } }],
  ['penguins, baseline', penguins, 'Species', { kind: 'baseline' }],
  ['breast cancer, logistic (binary)', breastCancer, 'diagnosis', { kind: 'logistic', seed: 3, options: { epochs: 3 } }],
  ['cars, MLP (regression, datetime Year)', cars, 'Miles_per_Gallon', mlp(4)],
  ['cars, linear', cars, 'Miles_per_Gallon', { kind: 'linear' }],
  ['cars, random forest', cars, 'Miles_per_Gallon', { kind: 'forest', seed: 5, options: { trees: 12 } }],
  ['seattle weather, MLP (multiclass, dates)', () => sample('seattle-weather.csv'), 'weather', mlp(6)],
  ['seattle weather, gradient-boosted trees', () => sample('seattle-weather.csv'), 'weather', { kind: 'gbdt', seed: 7, options: { rounds: 8 } }],
  ['movies, linear (regression, many categories)', () => sample('movies.json'), 'IMDB Rating', { kind: 'linear' }, titlesDropped],
  ['movies, gradient-boosted trees', () => sample('movies.json'), 'IMDB Rating', { kind: 'gbdt', seed: 8, options: { rounds: 10 } }, titlesDropped],
  ['crafted, logistic over every recipe step', () => crafted(), 'y', { kind: 'logistic', seed: 9, options: { epochs: 4 } }, everyStep],
];

/** A hostile id column name: quotes, a comment opener, a semicolon and non-ASCII letters. */
const ID = `id "row"; -- ø`;

const engines = new Map<string, Engine>();
beforeAll(async () => {
  const seed = { name: 'seed', columns: [{ name: 'x', type: 'float' as const }], rows: [{ x: 1 }] };
  for (const d of EXECUTED) engines.set(d, await openEngine(d, seed));
}, 120_000);
afterAll(async () => {
  for (const e of engines.values()) await e.close();
});

describe.each(cases)('%s', (_, tableOf, target, spec, edit) => {
  let table: Table;
  let trained: Trained;
  beforeAll(async () => {
    table = await tableOf();
    trained = await train(table, target, spec, edit);
  }, 300_000);

  test.each(EXECUTED)('%s agrees with scorer.mjs on every row', async (dialect) => {
    const name = `rows of ${table.name.replace(/\./g, " ")}; -- ${spec.kind} ${cases.findIndex((c) => c[3] === spec)}`;
    const a = await endToEnd(engines.get(dialect)!, dialect, trained, table, name, ID);
    expect(a.rows).toBe(table.rowCount);
    expect(a.worst).toBeLessThanOrEqual(1e-9);
    expect(a.labelMismatches).toBe(0);
  }, 120_000);
});
