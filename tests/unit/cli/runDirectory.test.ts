/** `modelbench train` writes its run directory in the one run format, with the training file's fingerprint as the studio computes it. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { exportCommand } from '../../../src/cli/export';
import { readRunDirectory } from '../../../src/cli/readRunDirectory';
import { trainCommand } from '../../../src/cli/train';
import { fingerprintBytes } from '../../../src/storage';
import { writeCsv } from '../../../src/core/table';
import { penguins } from '../core/recipe/tableOf';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-run-dir-'));
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  log.mockRestore();
});

describe('modelbench train: the run directory', () => {
  test('reads back through readRunFile with its split tied to the file, its drift profile and its trees', { timeout: 120_000 }, async () => {
    const file = join(dir, 'penguins.csv');
    writeFileSync(file, writeCsv(penguins()));
    const out = join(dir, 'run');
    expect(await trainCommand([file, '--target', 'Species', '--model', 'gbdt', '--rounds', '20', '--backend', 'cpu', '--cv', '0', '--out', out])).toBe(0);
    const run = await readRunDirectory(out);
    expect(run.format).toBe(2);
    const studio = `sha256:${await fingerprintBytes(new Uint8Array(readFileSync(file)))}`;
    expect(run.data).toMatchObject({ name: 'penguins.csv', file, rows: 344, fingerprint: studio, format: 'csv' });
    expect(run.training.split).toMatchObject({ dataFingerprint: studio, dataRows: 344, spec: { seed: 42 } });
    expect(run.training.split!.trainRows).toBeGreaterThan(200);
    expect(run.training.missing).toEqual([]);
    expect(run.training.profile!.columns.map((c) => c.name)).toEqual(run.fitted.inputSchema.map((c) => c.name));
    expect(run.model.kind).toBe('trees');
    expect(run.backend).toBe('cpu');
    expect(run.seed).toBe(42);
    // The CLI's timings ride in the result, so a studio that imports the run keeps them.
    const top = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.training.result!.timings).toEqual(top.timings);
    expect(Object.keys(top.timings)).toEqual(expect.arrayContaining(['readMs', 'trainMs', 'recordMs', 'totalMs']));
    expect(run.training.result!.explanation).toBeDefined();
    expect(run.summaries.slices).toEqual(top.slices);
  });

  test('export still reads an older (format 1) directory', { timeout: 120_000 }, async () => {
    const out = join(dir, 'run');
    const older = join(dir, 'older');
    mkdirSync(older);
    const top = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    const { format: _f, data, seed: _s, training: _t, model: _m, ...rest } = top;
    writeFileSync(join(older, 'run.json'), JSON.stringify({ version: 1, ...rest, input: { file: data.file, rows: data.rows, format: 'csv', warnings: 0 } }));
    writeFileSync(join(older, 'trees.json'), readFileSync(join(out, 'trees.json')));
    const run = await readRunDirectory(older);
    expect(run.format).toBe(1);
    expect(run.data!.fingerprint).toBeNull();
    expect(await exportCommand([older, '--out', join(dir, 'older.zip')])).toBe(0);
  });
});
