/** `modelbench serve` on a bundle zip, its unzipped folder and a run directory, as a user runs it. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { exportCommand } from '../../../src/cli/export';
import { loadtestCommand } from '../../../src/cli/loadtest';
import { registryCommand } from '../../../src/cli/registry';
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

describe('modelbench loadtest', () => {
  const logged = async (fn: () => Promise<number>) => {
    const lines: string[] = [];
    const errors: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l));
    const err = vi.spyOn(console, 'error').mockImplementation((l: string) => void errors.push(l));
    try {
      return { code: await fn(), lines, errors: errors.join('\n') };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  };

  test('loads a served bundle with the rows of a file (the target left out, as /metadata lists the inputs) and keeps the result on the registry version', async () => {
    const reg = join(dir, 'registry');
    const file = join(dir, 'penguins.csv');
    expect((await logged(() => registryCommand(['register', zip, '--name', 'penguins', '--registry', reg]))).code).toBe(0);
    const server = await startChild([cli, 'serve', zip, '--port', '0', '--quiet'], process.cwd());
    try {
      const single = await logged(() => loadtestCommand([server.url, '--rows', file, '--seconds', '1', '--connections', '4', '--registry', reg, '--version', 'penguins@1']));
      expect(single.code).toBe(0);
      const r = JSON.parse(single.lines.at(-1)!);
      expect(r.url).toBe(`${server.url}/invocations`);
      expect(r.requests).toBeGreaterThan(0);
      expect(r.errors).toBe(0);
      expect(r.statuses).toEqual({ '200': r.requests });
      expect(r.p50Ms).toBeLessThanOrEqual(r.p99Ms);
      expect(r.registry).toEqual({ model: 'penguins', version: 1 });
      const shown = await logged(() => registryCommand(['show', 'penguins@1', '--registry', reg]));
      const tags = JSON.parse(shown.lines.at(-1)!).tags;
      expect(tags['loadtest.requests-per-second']).toBe(String(r.requestsPerSecond));
      expect(tags['loadtest.p99-ms']).toBe(String(r.p99Ms));
      expect(tags['loadtest.errors']).toBe('0');
      const batch = await logged(() => loadtestCommand([`${server.url}/invocations`, '--rows', file, '--seconds', '1', '--connections', '2', '--batch', '50']));
      expect(batch.code).toBe(0);
      const b = JSON.parse(batch.lines.at(-1)!);
      expect(Math.abs(b.rowsPerSecond - b.requestsPerSecond * 50)).toBeLessThanOrEqual(50);
      expect(b.errors).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  test('says what is wrong, once, before any load: no endpoint, a missing input column, a row the endpoint refuses, bad flags', async () => {
    const server = await startChild([cli, 'serve', zip, '--port', '0', '--quiet'], process.cwd());
    try {
      const partial = join(dir, 'no-island.csv');
      writeFileSync(partial, writeCsv(penguins()).split('\n').map((l) => l.split(',').filter((_, i, cells) => i !== writeCsv(penguins()).split('\n')[0].split(',').indexOf('Island')).join(',')).join('\n'));
      const missing = await logged(() => loadtestCommand([server.url, '--rows', partial, '--seconds', '1']));
      expect(missing.code).toBe(2);
      expect(missing.errors).toContain('lacks the column "Island"');
      const refused = await logged(() => loadtestCommand([`${server.url}/v2/models/nope/infer`, '--rows', join(dir, 'penguins.csv'), '--seconds', '1']));
      expect(refused.code).toBe(2);
      expect(refused.errors).toMatch(/answered the first request with 4\d\d/);
      const unknown = await logged(() => loadtestCommand([server.url, '--rows', join(dir, 'penguins.csv'), '--seconds', '1', '--registry', join(dir, 'registry'), '--version', 'pengiuns@1']).catch((e: Error) => (console.error(e.message), 2)));
      expect(unknown.code).toBe(2);
      expect(unknown.errors).toContain('"pengiuns"');
      const port = new URL(server.url).port;
      server.child.kill('SIGKILL');
      await server.exited;
      const down = await logged(() => loadtestCommand([`http://127.0.0.1:${port}`, '--rows', join(dir, 'penguins.csv'), '--seconds', '1']));
      expect(down.code).toBe(2);
      expect(down.errors).toContain('No answer from');
      for (const [args, text] of [
        [['https://example.org', '--rows', 'x.csv'], 'plain HTTP'],
        [['http://127.0.0.1:1'], '--rows is required'],
        [['http://127.0.0.1:1', '--rows', 'x.csv', '--connections', '0'], '--connections 0 must be a whole number'],
        [['http://127.0.0.1:1', '--rows', 'x.csv', '--registry', 'models'], '--registry and --version go together'],
      ] as const) {
        const bad = await logged(() => loadtestCommand([...args]));
        expect(bad.code).toBe(2);
        expect(bad.errors).toContain(text);
      }
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);
});
