/** `modelbench export` and `modelbench score` end to end (lives here because the brief owns tests/unit/core/deploy). */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { exportCommand, parseExportArgs } from '../../../../src/cli/export';
import { parseScoreArgs, scoreCommand } from '../../../../src/cli/score';
import { disposeModel } from '../../../../src/core/models';
import { verifyBundle } from '../../../../src/core/deploy';
import { writeCsv } from '../../../../src/core/table';
import { importScorer, penguins, rowsOf, trainTiny, type Tiny } from './trainTiny';

let dir: string;
let tiny: Tiny;
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
const error = vi.spyOn(console, 'error').mockImplementation(() => {});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelbench-cli-test-'));
  tiny = await trainTiny(penguins(), 'Species', { kind: 'mlp', seed: 11, options: { epochs: 4, units: 8 } });
  // The files `modelbench train --out run` writes (see src/cli/train.ts).
  const run = join(dir, 'run');
  await import('node:fs/promises').then((fs) => fs.mkdir(run));
  await writeFile(join(dir, 'penguins.csv'), writeCsv(penguins()));
  await writeFile(join(run, 'model.json'), tiny.files!.modelJson);
  await writeFile(join(run, 'weights.bin'), tiny.files!.weights);
  await writeFile(
    join(run, 'run.json'),
    JSON.stringify({ version: 1, input: { file: join(dir, 'penguins.csv'), rows: 344 }, spec: tiny.result.spec, fittedRecipe: tiny.result.fitted, metrics: tiny.result.metrics, baselineMetrics: tiny.result.baselineMetrics, modelFiles: ['model.json', 'weights.bin'] }),
  );
});
afterAll(async () => {
  disposeModel(tiny.result.model);
  await rm(dir, { recursive: true, force: true });
  log.mockRestore();
  error.mockRestore();
});

describe('modelbench export / score', () => {
  test('flags are validated with the usage line', () => {
    expect(() => parseExportArgs(['run'])).toThrow(/--out bundle.zip is required/);
    expect(() => parseExportArgs(['run', '--out', 'b.zip', '--zip', 'x'])).toThrow(/Unknown flag "--zip"/);
    expect(() => parseScoreArgs(['b.zip', 'f.csv', '--out', 'p.txt'])).toThrow(/must end in .csv, .parquet, .arrow or .feather/);
    expect(() => parseScoreArgs(['b.zip', '--out', 'p.csv'])).toThrow(/Expected the bundle and one data file/);
    expect(parseScoreArgs(['b.zip', 'f.csv', '--out', 'p.parquet', '--chunk', '100'])).toEqual({ bundle: 'b.zip', file: 'f.csv', out: 'p.parquet', chunk: 100 });
  });

  test('export writes a verified bundle with the training fingerprint and a measured latency in the card', async () => {
    const zipPath = join(dir, 'bundle.zip');
    expect(await exportCommand([join(dir, 'run'), '--out', zipPath, '--name', 'penguins', '--version', '2'])).toBe(0);
    const zip = new Uint8Array(await readFile(zipPath));
    expect(verifyBundle(zip).ok).toBe(true);
    const card = strFromU8(unzipSync(zip)['README.md']);
    expect(card).toMatch(/fingerprint `sha256:[0-9a-f]{64}`/);
    expect(card).toMatch(/\| scorer\.mjs \(Node\) \| [\d.]+ \|/);
    expect(JSON.parse(log.mock.calls.at(-1)![0] as string)).toMatchObject({ out: zipPath, files: expect.arrayContaining(['model.onnx', 'scorer.mjs']) });
  });

  test('score writes CSV and Parquet predictions that match the bundled scorer', async () => {
    const zipPath = join(dir, 'bundle.zip');
    const csvOut = join(dir, 'pred.csv');
    expect(await scoreCommand([zipPath, join(dir, 'penguins.csv'), '--out', csvOut, '--chunk', '50'])).toBe(0);
    const lines = (await readFile(csvOut, 'utf8')).trim().split('\r\n');
    const header = lines[0].split(',');
    expect(header.slice(-5)).toEqual(['prediction', 'p_Adelie', 'p_Chinstrap', 'p_Gentoo', 'error']);
    const scorer = await importScorer(strFromU8(unzipSync(new Uint8Array(await readFile(zipPath)))['scorer.mjs']));
    const expected = scorer.predict(rowsOf(penguins())).map((p) => ('label' in p ? p.label : ''));
    expect(lines.slice(1).map((l) => l.split(',').at(-5))).toEqual(expected);
    const parquetOut = join(dir, 'pred.parquet');
    expect(await scoreCommand([zipPath, join(dir, 'penguins.csv'), '--out', parquetOut])).toBe(0);
    const bytes = await readFile(parquetOut);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(rows.map((r) => r.prediction)).toEqual(expected);
    expect(JSON.parse(log.mock.calls.at(-1)![0] as string)).toMatchObject({ rows: 344, scored: 344, refused: 0 });
  });

  test('score refuses a tampered bundle and a file without a required column', async () => {
    const zipPath = join(dir, 'bundle.zip');
    const files = unzipSync(new Uint8Array(await readFile(zipPath)));
    files['preprocess.json'] = new TextEncoder().encode(strFromU8(files['preprocess.json']).replace('"Island"', '"Isle"'));
    await writeFile(join(dir, 'tampered.zip'), zipSync(files));
    expect(await scoreCommand([join(dir, 'tampered.zip'), join(dir, 'penguins.csv'), '--out', join(dir, 'x.csv')])).toBe(1);
    expect(error.mock.calls.at(-1)![0]).toContain('preprocess.json does not match its SHA-256');
    await writeFile(join(dir, 'partial.csv'), 'Island,Sex\nDream,MALE\n');
    expect(await scoreCommand([zipPath, join(dir, 'partial.csv'), '--out', join(dir, 'x.csv')])).toBe(1);
    expect(error.mock.calls.at(-1)![0]).toMatch(/lacks column\(s\) 'Beak Length \(mm\)'/);
  });
});
