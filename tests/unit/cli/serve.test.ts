/** `modelbench serve` on a bundle zip, its unzipped folder and a run directory, as a user runs it. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { exportCommand } from '../../../src/cli/export';
import { trainCommand } from '../../../src/cli/train';
import { writeCsv } from '../../../src/core/table';
import type { BundleScorer } from '../../../src/core/serve';
import { penguins } from '../core/recipe/tableOf';
import { rowsOf } from '../core/deploy/trainTiny';
import { startChild } from '../core/serve/childServer';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-serve-cli-'));
const cli = join(process.cwd(), 'src/cli/modelbench.mjs');
const run = join(dir, 'run');
const zip = join(dir, 'penguins.zip');
const folder = join(dir, 'unzipped');
const rows = rowsOf(penguins()).map(({ Species: _, ...r }) => r);
let scorer: BundleScorer;

function unzipInto(target: string): void {
  for (const [path, bytes] of Object.entries(unzipSync(new Uint8Array(readFileSync(zip))))) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), bytes);
  }
}

beforeAll(async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const file = join(dir, 'penguins.csv');
  writeFileSync(file, writeCsv(penguins()));
  expect(await trainCommand([file, '--target', 'Species', '--model', 'gbdt', '--rounds', '10', '--backend', 'cpu', '--cv', '0', '--out', run])).toBe(0);
  expect(await exportCommand([run, '--out', zip, '--name', 'penguins', '--version', '3'])).toBe(0);
  log.mockRestore();
  unzipInto(folder);
  scorer = (await import(/* @vite-ignore */ pathToFileURL(join(folder, 'scorer.mjs')).href)) as BundleScorer;
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['a bundle zip', () => zip],
  ['an unzipped bundle folder', () => folder],
  ['a run directory', () => run],
])('modelbench serve %s', (_, target) => {
  test('answers as the bundle scorer does, reports drift when the bundle carries it, and exits 0 on SIGTERM', async () => {
    const server = await startChild([cli, 'serve', target(), '--port', '0', '--quiet'], process.cwd());
    try {
      const res = await fetch(`${server.url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dataframe_records: rows }) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ predictions: scorer.predict(rows) });
      const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
      if (target() !== run) expect(metrics).toMatch(/^modelbench_drift_psi\{column="Island",band="stable"\}/m);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.lines.some((l) => l.path)).toBe(false);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);
});

test('refuses a changed bundle folder, a missing path and bad flags with a message and no stack', () => {
  const tampered = join(dir, 'tampered');
  unzipInto(tampered);
  writeFileSync(join(tampered, 'scorer.mjs'), '// changed\n');
  const serve = (...args: string[]) => spawnSync(process.execPath, [cli, 'serve', ...args], { encoding: 'utf8' });
  const changed = serve(tampered, '--port', '0');
  expect(changed.status).toBe(1);
  expect(changed.stderr).toContain('scorer.mjs does not match its SHA-256');
  const missing = serve(join(dir, 'nope.zip'));
  expect(missing.status).toBe(1);
  expect(missing.stderr).toMatch(/^Cannot open ".*nope\.zip": there is no such file or folder/);
  const flag = serve(zip, '--port', 'eighty');
  expect(flag.status).toBe(2);
  expect(flag.stderr).toContain('Flag --port takes a whole number');
  expect(flag.stderr).toContain('Usage: modelbench serve');
  const typo = serve(zip, '--prot', '0');
  expect(typo.status).toBe(2);
  expect(typo.stderr).toContain('Unknown flag "--prot". Did you mean --port?');
  for (const r of [changed, missing, flag, typo]) expect(r.stderr).not.toMatch(/\n\s+at /);
}, 60_000);
