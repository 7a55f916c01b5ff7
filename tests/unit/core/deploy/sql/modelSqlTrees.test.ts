/**
 * modelSql for tree ensembles, run on DuckDB, PostgreSQL (PGlite) and SQLite (sql.js): random
 * ensembles of every shape the trainers produce (numeric, categorical and missing-value splits,
 * thresholds that are and are not float32 values), over rows with NaN, missing and unseen
 * categories, agree with scorer.mjs to 1e-9 relative with identical labels.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { portableOf } from '../../../../../src/core/deploy';
import { sqlDialect } from '../../../../../src/core/deploy/sql';
import { modelSql } from '../../../../../src/core/deploy/sql/modelSql';
import { leftBound } from '../../../../../src/core/deploy/sql/treeCase';
import { createRng } from '../../../../../src/core/stats';
import { SHAPES, treesCase } from '../randomTrees';
import { rowsOf } from '../trainTiny';
import { EXECUTED } from './engines';
import { closeEngines, sqlAgreement } from './modelAgreement';

afterAll(closeEngines);

describe.each(SHAPES)('modelSql for a %s ensemble', (shape) => {
  test.each(EXECUTED)('%s agrees with scorer.mjs (1e-9 relative, labels identical)', async (engine) => {
    const { table, fitted, ensemble } = treesCase(shape, { trees: shape === 'multiclass-gbdt' ? 160 : 60, depth: 5, seed: SHAPES.indexOf(shape) + 11 });
    const a = await sqlAgreement(engine, { fitted, model: { kind: 'trees', ensemble }, rows: rowsOf(table) });
    expect(a.rows).toBe(table.rowCount);
    expect(a.worst).toBeLessThanOrEqual(1e-9);
    expect(a.labelMismatches).toBe(0);
    // Over 50 trees per raw score: it continues in a second CTE.
    expect(a.sql).toContain('raw_0_part1');
  });
});

describe('modelSql categorical splits', () => {
  test.each([
    ['duckdb', /AS BIGINT\[\]\)\[/],
    ['postgres', />> CAST\(/],
    ['sqlite', />> CAST\(/],
  ] as const)('in %s are lookups or bit tests on the code, never IN lists', (dialect, form) => {
    const { fitted, ensemble } = treesCase('multiclass-gbdt', { trees: 20, depth: 4 });
    const d = sqlDialect(dialect);
    const m = modelSql(portableOf({ fitted, model: { kind: 'trees', ensemble } }), fitted.featureNames.map(d.ident), d, {
      classes: fitted.classes!,
      task: 'multiclass',
      source: d.ident('features'),
      carry: [],
    });
    const text = m.ctes.map((c) => c.select).join('\n');
    expect(ensemble.trees.some((t) => t.categories.some((c) => c !== null && c.length > 1))).toBe(true);
    expect(text).toMatch(form);
    expect(text).not.toMatch(/\bIN\s*\(/i);
    // DuckDB's mask form has no CASE per node: only the bin columns (one per feature) branch.
    if (dialect === 'duckdb') {
      const branching = text.split('\n').filter((line) => line.includes('CASE'));
      expect(branching.length).toBeGreaterThan(0);
      for (const line of branching) expect(line).toMatch(/ AS "mb_bin_\d+_[nc]",?$/);
    }
  });

  test('hostile class names come back as labels and cannot break the query', async () => {
    const { table, fitted, ensemble } = treesCase('multiclass-forest', { trees: 8, depth: 3 });
    const classes = ["O'Brien", 'a"b`c]', 'x; DROP TABLE features; --'];
    for (const engine of ['duckdb', 'sqlite'] as const) {
      const a = await sqlAgreement(engine, { fitted, model: { kind: 'trees', ensemble }, rows: rowsOf(table), classes });
      expect(a.worst).toBeLessThanOrEqual(1e-9);
      expect(a.labelMismatches).toBe(0);
    }
  });
});

describe('leftBound', () => {
  test('x <= leftBound(t) exactly when Math.fround(x) <= t, at and around the rounding midpoints', () => {
    const rng = createRng(3);
    const f32 = new Float32Array(1);
    const u32 = new Uint32Array(f32.buffer);
    const specials = [0, -0, 1, -1, 2 ** -149, -(2 ** -149), 2 ** -126, 3.4028234663852886e38, -3.4028234663852886e38, 1 + 2 ** -23, 16777216, -Infinity];
    const thresholds = [...specials, ...Array.from({ length: 400 }, () => Math.fround((rng.next() - 0.5) * 10 ** rng.int(12)))];
    for (const t of thresholds) {
      const b = leftBound(t);
      f32[0] = t;
      const up = t === 3.4028234663852886e38 ? Infinity : ((u32[0] += t > 0 || Object.is(t, 0) ? 1 : Object.is(t, -0) ? 0 : -1), t === -0 ? 2 ** -149 : f32[0]);
      const candidates = [b, b * (1 + 2 ** -52), b * (1 - 2 ** -52), t, up, (t + up) / 2].filter((x) => Number.isFinite(x));
      for (const x of candidates) expect(x <= b, `t=${t} x=${x}`).toBe(Math.fround(x) <= t);
    }
  });
});
