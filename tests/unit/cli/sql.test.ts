/**
 * `modelbench sql`: from a run directory and from the bundle exported from it, the SQL for a
 * dialect, written to a file, runs in DuckDB over the training rows and agrees with scorer.mjs;
 * the bundle's own model.sql is the same DuckDB query, listed in the manifest and named in the card.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { exportCommand } from '../../../src/cli/export';
import { parseSqlArgs, sqlCommand } from '../../../src/cli/sql';
import { buildBundle, type BundleInput } from '../../../src/core/deploy';
import { writeCsv } from '../../../src/core/table';
import { main } from '../../../src/cli/main';
import { importScorer, penguins, rowsOf, trainTiny, type Tiny } from '../core/deploy/trainTiny';
import { openEngine } from '../core/deploy/sql/engines';

let dir: string;
let tiny: Tiny;
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
const error = vi.spyOn(console, 'error').mockImplementation(() => {});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelbench-sql-test-'));
  tiny = await trainTiny(penguins(), 'Species', { kind: 'mlp', seed: 12, options: { epochs: 3, units: 8 } });
  // The files `modelbench train --out run` writes (see src/cli/train.ts).
  const run = join(dir, 'run');
  await mkdir(run);
  await writeFile(join(dir, 'penguins.csv'), writeCsv(penguins()));
  await writeFile(join(run, 'model.json'), tiny.files!.modelJson);
  await writeFile(join(run, 'weights.bin'), tiny.files!.weights);
  await writeFile(
    join(run, 'run.json'),
    JSON.stringify({ version: 1, input: { file: join(dir, 'penguins.csv'), rows: 344 }, spec: tiny.result.spec, fittedRecipe: tiny.result.fitted, metrics: tiny.result.metrics, modelFiles: ['model.json', 'weights.bin'] }),
  );
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  log.mockRestore();
  error.mockRestore();
});

/** Runs `sql` in DuckDB over the penguins rows (table `input`) and counts rows whose label differs from scorer.mjs. */
async function mismatches(sql: string, scorerSource: string): Promise<{ rows: number; labels: number }> {
  const table = penguins();
  const rows = rowsOf(table);
  const engine = await openEngine('duckdb', { name: 'input', columns: table.columns.map((c) => ({ name: c.name, type: c.type })), rows }, 'row');
  try {
    const out = await engine.query(sql);
    const scored = (await importScorer(scorerSource)).predict(rows);
    let labels = 0;
    for (const r of out) {
      const s = scored[Number(r.row)];
      if (!('label' in s) || s.label !== r.prediction) labels++;
    }
    return { rows: out.length, labels };
  } finally {
    await engine.close();
  }
}

describe('modelbench sql', () => {
  test('flags are validated with the usage line', () => {
    expect(() => parseSqlArgs(['run'])).toThrow(/--dialect is required/);
    expect(() => parseSqlArgs(['run', '--dialect', 'oracle'])).toThrow(/--dialect oracle is not one of duckdb, postgres/);
    expect(() => parseSqlArgs(['run', '--dialect', 'duckdb', '--form', 'procedure'])).toThrow(/--form procedure is not one of select, view, function/);
    expect(() => parseSqlArgs(['--dialect', 'duckdb'])).toThrow(/Name the bundle/);
    expect(parseSqlArgs(['run', '--dialect', 'tsql', '--table', 'dbo.t', '--id', 'key', '--form', 'view'])).toEqual({ source: 'run', dialect: 'tsql', table: 'dbo.t', id: 'key', form: 'view' });
  });

  test('from a run directory and from its bundle: the same query, which agrees with scorer.mjs in DuckDB', async () => {
    const zip = join(dir, 'bundle.zip');
    expect(await exportCommand([join(dir, 'run'), '--out', zip, '--name', 'penguins', '--version', '3'])).toBe(0);
    const files = unzipSync(new Uint8Array(await readFile(zip)));
    const fromRun = join(dir, 'run.sql');
    const fromBundle = join(dir, 'bundle.sql');
    expect(await sqlCommand([join(dir, 'run'), '--dialect', 'duckdb', '--id', 'row', '--name', 'penguins', '--version', '3', '--out', fromRun])).toBe(0);
    expect(JSON.parse(log.mock.calls.at(-1)![0] as string)).toMatchObject({ out: fromRun, dialect: 'duckdb', form: 'select' });
    expect(await sqlCommand([zip, '--dialect', 'duckdb', '--id', 'row', '--out', fromBundle])).toBe(0);
    const a = await readFile(fromRun, 'utf8');
    const b = await readFile(fromBundle, 'utf8');
    const body = (s: string) => s.slice(s.indexOf('\nWITH\n'));
    expect(body(b)).toBe(body(a));
    expect(b).toMatch(/-- Bundle manifest SHA-256: [0-9a-f]{64}/);
    const result = await mismatches(b, strFromU8(files['scorer.mjs']));
    expect(result).toEqual({ rows: 344, labels: 0 });
  }, 120_000);

  test.each([
    ['gradient-boosted trees', { kind: 'gbdt', seed: 3, options: { rounds: 15 } }, 'trees.json'],
    ['the baseline', { kind: 'baseline' }, 'baseline.json'],
  ] as const)('a bundle of %s carries its model, so sql writes any dialect from the bundle alone', async (_, spec, file) => {
    const trained = await trainTiny(penguins(), 'Species', spec as Parameters<typeof trainTiny>[2]);
    const m = trained.result.model;
    const model: BundleInput['model'] = m.kind === 'trees' ? { kind: 'trees', ensemble: m } : { kind: 'baseline', baseline: m as Extract<BundleInput['model'], { kind: 'baseline' }>['baseline'] };
    const zip = join(dir, `${file}.zip`);
    const bundle = buildBundle({ name: 'penguins', version: 1, fitted: trained.result.fitted, model });
    expect(Object.keys(bundle.files)).toContain(file);
    await writeFile(zip, bundle.zip);
    const out = join(dir, `${file}.duckdb.sql`);
    expect(await sqlCommand([zip, '--dialect', 'duckdb', '--id', 'row', '--out', out])).toBe(0);
    expect(await mismatches(await readFile(out, 'utf8'), strFromU8(bundle.files['scorer.mjs']))).toEqual({ rows: 344, labels: 0 });
    expect(await sqlCommand([zip, '--dialect', 'postgres', '--out', join(dir, `${file}.pg.sql`)])).toBe(0);
  }, 120_000);

  test('every bundle carries model.sql (DuckDB, table input), hashed in the manifest and named in the card', async () => {
    const files = unzipSync(new Uint8Array(await readFile(join(dir, 'bundle.zip'))));
    const sql = strFromU8(files['model.sql']);
    expect(sql).toContain('FROM "input"');
    expect(JSON.parse(strFromU8(files['manifest.json'])).files['model.sql'].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(strFromU8(files['README.md'])).toContain('`model.sql`');
    expect(strFromU8(files['sql/synapse-predict.sql'])).toContain('RUNTIME = ONNX');
    expect(strFromU8(files['sql/bigquery-onnx.sql'])).toContain("MODEL_TYPE = 'ONNX'");
    const engine = await openEngine('duckdb', { name: 'input', columns: penguins().columns.map((c) => ({ name: c.name, type: c.type })), rows: rowsOf(penguins()) });
    try {
      expect(await engine.query(sql)).toHaveLength(344);
    } finally {
      await engine.close();
    }
  }, 60_000);

  test('a missing source and a function form SQLite lacks are clear errors', async () => {
    await expect(sqlCommand([join(dir, 'nothing-here'), '--dialect', 'duckdb'])).rejects.toThrow(/ENOENT/);
    expect(await main(['sql', join(dir, 'run'), '--dialect', 'sqlite', '--form', 'function'])).toBe(1);
    expect(error.mock.calls.at(-1)![0]).toMatch(/SQLite has no table functions written in SQL; use the view form/);
  });
});
