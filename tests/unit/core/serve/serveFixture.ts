/**
 * Test helpers for the scoring server: a small bundle (penguins, logistic regression, with its
 * training drift profile), unzipped into a temp folder, and the real server started on a free
 * loopback port with Node's http module, as `modelbench serve` starts it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBundle, driftProfile, type Bundle, type Manifest } from '../../../../src/core/deploy';
import { disposeModel } from '../../../../src/core/models';
import { profileColumns } from '../../../../src/core/profile';
import { parseServeArgs, runServer, servedModel, SERVE_PARTS, type BundleScorer, type RunningServer } from '../../../../src/core/serve';
import { penguins, rowsOf, trainTiny } from '../deploy/trainTiny';

export interface Served {
  bundle: Bundle;
  dir: string;
  scorer: BundleScorer;
  /** Every penguin as a request row (the target left out). */
  rows: Record<string, unknown>[];
  cleanup(): Promise<void>;
}

/** Trains the penguins model once and writes its bundle's files to a temp folder. */
export async function penguinBundle(seed = 7): Promise<Served> {
  const table = penguins();
  const tiny = await trainTiny(table, 'Species', { kind: 'logistic', seed, options: { epochs: 4 } });
  const { fitted } = tiny.result;
  const inputs = fitted.inputSchema.map((c) => c.name);
  const drift = driftProfile({ columns: profileColumns(table, inputs) }, inputs);
  const bundle = buildBundle({ name: 'penguins', version: 2, fitted, model: { kind: 'tf', modelKind: 'logistic', files: tiny.files! }, drift, createdAt: '2026-01-02T03:04:05.000Z' });
  disposeModel(tiny.result.model);
  const dir = await mkdtemp(join(tmpdir(), 'mb-serve-test-'));
  for (const [path, bytes] of Object.entries(bundle.files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  const scorer = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'scorer.mjs')).href)) as BundleScorer;
  const rows = rowsOf(table).map(({ Species: _, ...row }) => row);
  return { bundle, dir, scorer, rows, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Starts the server in this process (signals left alone) with `flags` as on the command line; `scorer` defaults to the bundle's. */
export async function startServer(served: Served, flags: string[] = [], log: string[] = [], scorer: BundleScorer = served.scorer): Promise<RunningServer & { url: string }> {
  const { options } = parseServeArgs(['--port', '0', '--host', '127.0.0.1', ...flags], 'usage');
  const files = served.bundle.files;
  const json = (name: string) => JSON.parse(new TextDecoder().decode(files[name])) as never;
  const model = servedModel(scorer, json('manifest.json') as Manifest, json('preprocess.json'), files['drift.json'] ? json('drift.json') : null);
  const server = await runServer(
    { http, signals: null, defer: setImmediate, log: (l) => void log.push(l), logError: (l) => void log.push(l), options, model, ab: null, serverVersion: 'test' },
    SERVE_PARTS,
  );
  return { ...server, url: `http://127.0.0.1:${server.port}` };
}

export async function post(url: string, body: string, contentType = 'application/json', headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': contentType, ...headers } });
  const text = await res.text();
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Prometheus text and other plain answers stay text.
  }
  return { status: res.status, json: value, headers: res.headers };
}
