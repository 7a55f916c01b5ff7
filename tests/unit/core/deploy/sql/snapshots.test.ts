/**
 * The dialects no engine runs here (T-SQL, Spark SQL, BigQuery) are checked against reviewed
 * snapshot files in tests/fixtures/sql/: a small network over every recipe step and a tree
 * ensemble with categorical splits, in each form the dialect has. A change to the generated text
 * shows up as a diff to review. The forms are also checked for what each engine requires.
 */
import { describe, expect, test } from 'vitest';
import { DeployError } from '../../../../../src/core/deploy/errors';
import { portableOf, type PortableModel } from '../../../../../src/core/deploy';
import { compileSql, type SqlDialectName } from '../../../../../src/core/deploy/sql';
import { fitRecipe, proposeRecipe, type FittedRecipe, type Recipe } from '../../../../../src/core/recipe';
import { treesCase } from '../randomTrees';
import { crafted } from '../trainTiny';

const GENERATED_ONLY: SqlDialectName[] = ['tsql', 'spark', 'bigquery'];

function network(): { fitted: FittedRecipe; model: PortableModel } {
  const table = crafted(60);
  const recipe: Recipe = {
    ...proposeRecipe(table, undefined, 'y'),
    steps: [
      { kind: 'datetime', columns: ['when'], cyclic: true, parts: ['year', 'month'] },
      { kind: 'impute', columns: ['amount', 'when_year', 'when_month_sin', 'when_month_cos'], strategy: 'median', indicator: true },
      { kind: 'power', columns: ['amount'], method: 'yeo-johnson' },
      { kind: 'clip', columns: ['amount'], lower: 0.05, upper: 0.95 },
      { kind: 'encode', columns: ['city'], method: 'onehot', topK: 3 },
      { kind: 'scale', columns: ['amount', 'when_year'], method: 'standard' },
    ],
  };
  const fitted = fitRecipe(table, recipe);
  const d = fitted.featureNames.length;
  // Fixed weights: the snapshot depends on the SQL writer alone.
  const kernel = Float32Array.from({ length: d * 2 }, (_, i) => ((i % 7) - 3) / 8);
  const out = Float32Array.from([0.75, -0.5]);
  return {
    fitted,
    model: {
      task: 'binary',
      source: 'tf',
      plain: fitted.featureNames.map((_, j) => j),
      embeddings: [],
      layers: [
        { inputs: d, units: 2, activation: 'relu', kernel, bias: Float32Array.from([0.125, -0.25]) },
        { inputs: 2, units: 1, activation: 'sigmoid', kernel: out, bias: Float32Array.from([0.0625]) },
      ],
    },
  };
}

function trees(): { fitted: FittedRecipe; model: PortableModel } {
  const { fitted, ensemble } = treesCase('multiclass-gbdt', { trees: 6, depth: 3, seed: 5 });
  return { fitted, model: portableOf({ fitted, model: { kind: 'trees', ensemble } }) };
}

const FORMS: Record<SqlDialectName, ('select' | 'view' | 'function')[]> = {
  duckdb: ['select', 'view', 'function'],
  postgres: ['select', 'view', 'function'],
  sqlite: ['select', 'view'],
  tsql: ['select', 'view', 'function'],
  spark: ['select', 'view'],
  bigquery: ['select', 'view', 'function'],
};

describe.each(GENERATED_ONLY)('%s', (dialect) => {
  test.each([
    ['network', network],
    ['trees', trees],
  ] as const)('%s matches the reviewed file', async (kind, make) => {
    const { fitted, model } = make();
    const sql = FORMS[dialect]
      .map((form) => compileSql({ fitted, model, name: 'Snapshot model', version: 2, manifestHash: 'f'.repeat(64) }, { dialect, table: 'sales.orders', id: 'order id', form }))
      .join('\n');
    await expect(sql).toMatchFileSnapshot(`../../../../fixtures/sql/${dialect}-${kind}.sql`);
  });
});

test('a dialect without table functions says so and names the view form', () => {
  const { fitted, model } = network();
  for (const dialect of ['sqlite', 'spark'] as const) {
    expect(() => compileSql({ fitted, model, name: 'm', version: 1 }, { dialect, form: 'function' })).toThrow(DeployError);
    expect(() => compileSql({ fitted, model, name: 'm', version: 1 }, { dialect, form: 'function' })).toThrow(/--form view/);
  }
});

test('every dialect writes doubles, never exact decimals, and quotes names its own way', () => {
  const { fitted, model } = network();
  const text = (dialect: SqlDialectName) => compileSql({ fitted, model, name: 'm', version: 1 }, { dialect, table: 'orders' });
  expect(text('tsql')).toContain('FROM [orders]');
  expect(text('spark')).toContain('FROM `orders`');
  expect(text('bigquery')).toContain('FROM `orders`');
  expect(text('postgres')).toMatch(/e[+-]\d+::float8/);
  expect(text('spark')).toMatch(/E[+-]\d+D/);
  // A number with a decimal point but no exponent would be an exact DECIMAL in most engines.
  for (const dialect of GENERATED_ONLY) expect(text(dialect).split('\n').filter((l) => !l.startsWith('--')).join('\n')).not.toMatch(/[^\w.]\d+\.\d+(?![\deE])/);
});
