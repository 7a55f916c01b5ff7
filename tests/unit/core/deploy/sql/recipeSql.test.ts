/**
 * recipeSql: the features CTE, run on DuckDB, PostgreSQL (PGlite) and SQLite (sql.js), equals the
 * scorer's own feature row (scorerTransform + the cell reader, rounded to float32) on every row of
 * the bundled samples and of a crafted table that exercises every fitted step.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { DeployError } from '../../../../../src/core/deploy/errors';
import { recipeSql } from '../../../../../src/core/deploy/sql/recipeSql';
import { sqlDialect, type SqlDialectName } from '../../../../../src/core/deploy/sql';
import { fitRecipe, forTrees, proposeRecipe, type FittedRecipe, type Recipe, type Step } from '../../../../../src/core/recipe';
import type { Table } from '../../../../../src/core/table/types';
import { breastCancer, cars, crafted, penguins, rowsOf } from '../trainTiny';
import { EXECUTED, numberOf, openEngine, type Engine } from './engines';
import { scorerFeatures } from './featureMatrix';

const split = { method: 'random' as const, testFraction: 0.2, seed: 1 };

function fitted(table: Table, target: string, steps?: Step[], trees = false): FittedRecipe {
  let recipe: Recipe = proposeRecipe(table, undefined, target);
  if (steps) recipe = { ...recipe, steps, split };
  if (trees) recipe = forTrees(recipe).recipe;
  return fitRecipe(table, recipe);
}

const everyStep: Step[] = [
  { kind: 'impute', columns: ['amount'], strategy: 'median', indicator: true },
  { kind: 'impute', columns: ['city'], strategy: 'most_frequent', indicator: true },
  { kind: 'clip', columns: ['amount'], lower: 0.05, upper: 0.9 },
  { kind: 'power', columns: ['amount'], method: 'log' },
  { kind: 'scale', columns: ['amount'], method: 'standard' },
  { kind: 'encode', columns: ['city'], method: 'onehot', topK: 2 },
  { kind: 'datetime', columns: ['when'], cyclic: true },
];
const otherSteps: Step[] = [
  { kind: 'power', columns: ['amount'], method: 'yeo-johnson' },
  { kind: 'scale', columns: ['amount'], method: 'robust' },
  { kind: 'encode', columns: ['city'], method: 'ordinal' },
  { kind: 'datetime', columns: ['when'], cyclic: false, parts: ['year', 'month', 'day', 'weekday', 'hour'] },
];
const embedSteps: Step[] = [
  { kind: 'impute', columns: ['amount'], strategy: 'constant', value: -2 },
  { kind: 'scale', columns: ['amount'], method: 'minmax' },
  { kind: 'encode', columns: ['city'], method: 'embedding' },
  { kind: 'drop', columns: ['when'] },
];

/** A crafted table whose rows hold an unseen category, and dates before 1970 and past 2100. */
function craftedWithEdges(): Table {
  const t = crafted();
  return {
    ...t,
    columns: t.columns.map((c) => {
      if (c.name === 'city' && 'codes' in c) {
        const codes = c.codes.slice();
        codes[2] = c.dictionary.length;
        return { ...c, codes, dictionary: [...c.dictionary, 'Zürich'] };
      }
      if (c.name === 'when' && 'values' in c) {
        const values = c.values.slice();
        values[3] = Date.UTC(1904, 1, 29, 23, 59, 59, 999);
        values[4] = Date.UTC(2101, 0, 1, 0, 0, 0, 1);
        values[5] = Date.UTC(1969, 11, 31, 23);
        return { ...c, values };
      }
      return c;
    }),
  };
}

const cases: [string, () => { table: Table; fitted: FittedRecipe }][] = [
  ['crafted, every step', () => ({ table: craftedWithEdges(), fitted: fitted(crafted(), 'y', everyStep) })],
  ['crafted, ordinal, Yeo-Johnson, date parts', () => ({ table: craftedWithEdges(), fitted: fitted(crafted(), 'y', otherSteps) })],
  ['crafted, embedding, constant fill, minmax', () => ({ table: craftedWithEdges(), fitted: fitted(crafted(), 'y', embedSteps) })],
  ['penguins, proposed', () => ({ table: penguins(), fitted: fitted(penguins(), 'Species') })],
  ['penguins, for trees', () => ({ table: penguins(), fitted: fitted(penguins(), 'Species', undefined, true) })],
  ['cars, proposed', () => ({ table: cars(), fitted: fitted(cars(), 'Miles_per_Gallon') })],
  ['breast cancer, proposed', () => ({ table: breastCancer(), fitted: fitted(breastCancer(), 'diagnosis') })],
];

const engines = new Map<SqlDialectName, Engine>();
let tables = 0;
afterAll(async () => {
  for (const e of engines.values()) await e.close();
});

/** Runs the features CTE on `dialect` and returns the feature rows by row index. */
async function sqlFeatures(dialect: SqlDialectName, table: Table, f: FittedRecipe): Promise<(number | null)[][]> {
  const d = sqlDialect(dialect);
  const rows = rowsOf(table);
  const name = `input rows ${++tables}`;
  const loaded = { name, columns: table.columns.map((c) => ({ name: c.name, type: c.type })), rows };
  const engine = engines.get(dialect);
  if (engine) await engine.load!(loaded, 'row id');
  else engines.set(dialect, await openEngine(dialect, loaded, 'row id'));
  const part = recipeSql(f, d, { from: d.ident(name), id: 'row id' });
  const sql = `WITH ${part.ctes.map((c) => `${c.name} AS (${c.select})`).join(',\n')}\nSELECT ${part.id} AS ${d.ident('r')}, ${part.features.map((x, j) => `${x} AS ${d.ident(`x${j}`)}`).join(', ')} FROM ${part.from} ORDER BY 1`;
  const out = await engines.get(dialect)!.query(sql);
  return out.map((r) => f.featureNames.map((_, j) => numberOf(r[`x${j}`])));
}

describe.each(EXECUTED)('recipeSql on %s', (dialect) => {
  test.each(cases)('%s: every feature of every row equals the scorer’s', async (_, make) => {
    const { table, fitted: f } = make();
    const expected = scorerFeatures(f, rowsOf(table));
    const got = await sqlFeatures(dialect, table, f);
    expect(got).toHaveLength(expected.length);
    let worst = 0;
    const bad: string[] = [];
    expected.forEach((row, r) =>
      row.forEach((want, j) => {
        const have = got[r][j];
        if (Number.isNaN(want) || have === null) {
          if (!(Number.isNaN(want) && have === null)) bad.push(`row ${r} ${f.featureNames[j]}: scorer ${want}, SQL ${have}`);
          return;
        }
        const gap = Math.abs(have - want) / Math.max(1e-300, Math.abs(want));
        if (have !== want) worst = Math.max(worst, gap);
        if (gap > 1e-9 && Math.abs(have - want) > 1e-300) bad.push(`row ${r} ${f.featureNames[j]}: scorer ${want}, SQL ${have}`);
      }),
    );
    expect(bad.slice(0, 5)).toEqual([]);
    expect(worst).toBeLessThanOrEqual(1e-9);
  }, 120_000);
});

test('recipeSql names a derive step it cannot translate', () => {
  const f = fitted(crafted(), 'y', everyStep);
  const withDerive: FittedRecipe = { ...f, steps: [...f.steps, { kind: 'derive', name: 'ratio', expression: 'd => d.amount * 2', output: 'number' }] };
  expect(() => recipeSql(withDerive, sqlDialect('duckdb'), { from: 't' })).toThrow(DeployError);
  expect(() => recipeSql(withDerive, sqlDialect('duckdb'), { from: 't' })).toThrow(/Derived column 'ratio' \(step 8\)/);
});
