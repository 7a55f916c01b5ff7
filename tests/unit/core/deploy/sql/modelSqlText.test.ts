/**
 * modelSql where no engine runs here (T-SQL, Spark SQL, BigQuery): the text of a small tree
 * ensemble and a small network is compared with reviewed snapshot files in tests/fixtures/sql/
 * (written by this test: `npx vitest run -u` rewrites them after a reviewed change). SQL Server's
 * flat tree form is checked for its nesting limit, and run on DuckDB (the form is plain CASE and
 * AND) against scorer.mjs. Also: the network size limit.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { DeployError, portableOf, type PortableModel } from '../../../../../src/core/deploy';
import { sqlDialect, type SqlDialect } from '../../../../../src/core/deploy/sql';
import { modelSql } from '../../../../../src/core/deploy/sql/modelSql';
import type { Tree, TreeEnsemble } from '../../../../../src/core/models';
import { treeDepth } from '../../../../../src/core/deploy/treesSpec';
import { treesCase } from '../randomTrees';
import { rowsOf } from '../trainTiny';
import { closeEngines, featuresEngine, ID } from './modelAgreement';
import { numberOf } from './engines';

afterAll(closeEngines);

const tree = (t: Partial<Tree>): Tree => ({ feature: [], threshold: [], categories: [], missingLeft: [], left: [], right: [], cover: [], leafValue: [], leafCover: [], gain: [], ...t });

/** Two trees: a numeric split with missing values going left, then a category set spanning two mask words (codes 1, 5 and 70). */
const ensemble: TreeEnsemble = {
  kind: 'trees',
  modelKind: 'gbdt',
  task: 'binary',
  numClasses: 2,
  outputs: 1,
  width: 1,
  base: [-0.25],
  trees: [
    tree({ feature: [0, 1], threshold: [0.1, 0], categories: [null, [1, 5, 70]], missingLeft: [true, false], left: [1, ~0], right: [~2, ~1], leafValue: [0.5, -0.125, 1 / 3] }),
    tree({ leafValue: [0.0625] }),
  ],
  treeOutput: [0, 0],
  aggregate: 'sum',
  link: 'sigmoid',
  features: 2,
  categorical: [1],
};

/** Two inputs, three tanh units, three softmax outputs. */
const network: PortableModel = {
  task: 'multiclass',
  source: 'tf',
  plain: [0, 1],
  embeddings: [],
  layers: [
    { inputs: 2, units: 3, activation: 'tanh', kernel: Float32Array.of(0.5, -1.25, 2, 0.75, 0, -0.1), bias: Float32Array.of(0.1, 0, -0.3) },
    { inputs: 3, units: 3, activation: 'softmax', kernel: Float32Array.of(1, 2, 3, -1, -2, -3, 0.25, 0.5, 0.125), bias: Float32Array.of(0, 0.5, -0.5) },
  ],
};

function text(model: PortableModel, d: SqlDialect, classes: string[]): string {
  const m = modelSql(model, ['amount', 'city'].map(d.ident), d, { classes, task: model.task, source: d.ident('features'), carry: [d.ident('id')] });
  const ctes = m.ctes.map((c) => `${c.name} AS (\n${c.select}\n)`).join(',\n');
  return `WITH ${ctes}\nSELECT ${d.ident('id')},\n  ${m.outputs.map((o) => `${o.expression} AS ${d.ident(o.name)}`).join(',\n  ')}\nFROM ${m.from};\n`;
}

/** Deepest CASE nesting in the text. */
function caseDepth(sql: string): number {
  let depth = 0;
  let max = 0;
  for (const token of sql.match(/\b(CASE|END)\b/g) ?? []) {
    depth += token === 'CASE' ? 1 : -1;
    max = Math.max(max, depth);
  }
  return max;
}

describe.each(['tsql', 'spark', 'bigquery'] as const)('modelSql text for %s', (name) => {
  const d = sqlDialect(name);

  test('a tree ensemble matches the reviewed snapshot', async () => {
    const trees: PortableModel = { task: 'binary', source: 'trees', plain: [], embeddings: [], layers: [], trees: ensemble };
    const sql = text(trees, d, ['no', "it's"]);
    expect(sql).not.toMatch(/\bIN\s*\(/i);
    await expect(sql).toMatchFileSnapshot(`../../../../fixtures/sql/model-trees.${name}.sql`);
  });

  test('a network matches the reviewed snapshot', async () => {
    await expect(text(network, d, ['A', 'B', 'C'])).toMatchFileSnapshot(`../../../../fixtures/sql/model-network.${name}.sql`);
  });
});

describe('SQL Server flat trees', () => {
  const { table, fitted, ensemble: deep } = treesCase('regression-gbdt', { trees: 3, depth: 12, seed: 5 });

  test('trees deeper than 10 are written with one WHEN per leaf, never nesting CASE past 10', () => {
    expect(Math.max(...deep.trees.map(treeDepth))).toBeGreaterThan(10);
    const d = sqlDialect('tsql');
    const m = modelSql(portableOf({ fitted, model: { kind: 'trees', ensemble: deep } }), fitted.featureNames.map(d.ident), d, { classes: null, task: 'regression', source: d.ident('f'), carry: [] });
    const sql = m.ctes.map((c) => c.select).join('\n');
    expect(caseDepth(sql)).toBeLessThanOrEqual(10);
    const duck = sqlDialect('duckdb');
    const nested = modelSql(portableOf({ fitted, model: { kind: 'trees', ensemble: deep } }), fitted.featureNames.map(duck.ident), duck, { classes: null, task: 'regression', source: 'f', carry: [] });
    expect(caseDepth(nested.ctes.map((c) => c.select).join('\n'))).toBeGreaterThan(10);
  });

  test('the flat form gives the nested form’s values (run on DuckDB)', async () => {
    const rows = rowsOf(table);
    const duck = sqlDialect('duckdb');
    // DuckDB's syntax with the T-SQL name: modelSql then writes the flat form, which DuckDB can run.
    const flat: SqlDialect = { ...duck, name: 'tsql' };
    const db = await featuresEngine('duckdb', fitted, rows);
    try {
      const values = async (d: SqlDialect) => {
        const m = modelSql(portableOf({ fitted, model: { kind: 'trees', ensemble: deep } }), fitted.featureNames.map(d.ident), d, { classes: null, task: 'regression', source: d.ident('features'), carry: [d.ident(ID)] });
        const sql = `WITH ${m.ctes.map((c) => `${c.name} AS (${c.select})`).join(',\n')} SELECT ${m.outputs[0].expression} AS v FROM ${m.from} ORDER BY ${d.ident(ID)}`;
        expect(caseDepth(sql)).toBeLessThanOrEqual(d.name === 'tsql' ? 10 : 64);
        return (await db.query(sql)).map((r) => numberOf(r.v));
      };
      const a = await values(flat);
      const b = await values(duck);
      expect(a).toHaveLength(rows.length);
      expect(a).toEqual(b);
    } finally {
      await db.close();
    }
  });
});

describe('modelSql size limit', () => {
  test('a network above 250,000 weights is refused with the count and what to do', () => {
    const big: PortableModel = {
      task: 'regression',
      source: 'tf',
      plain: Array.from({ length: 600 }, (_, i) => i),
      embeddings: [],
      layers: [{ inputs: 600, units: 500, activation: 'relu', kernel: new Float32Array(300_000), bias: new Float32Array(500) }],
    };
    const d = sqlDialect('duckdb');
    const call = () => modelSql(big, big.plain.map((i) => d.ident(`f${i}`)), d, { classes: null, task: 'regression', source: 'f', carry: [] });
    expect(call).toThrow(DeployError);
    expect(call).toThrow(/300,000 weights.*above 250,000.*smaller network.*scorer\.mjs or model\.onnx/s);
  });
});
