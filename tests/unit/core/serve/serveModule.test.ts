/**
 * The bundle's own serve.mjs, run by plain Node from an unzipped bundle in a clean folder (no
 * node_modules anywhere above it), as emitted from code loaded normally, by tsx (as the CLI runs
 * it) and by a minified Vite build (as the studio's worker runs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { tsImport } from 'tsx/esm/api';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveModule } from '../../../../src/core/serve';
import { startChild, waitInFlight } from './childServer';
import { penguinBundle, post, type Served } from './serveFixture';

let served: Served;
let root: string;
beforeAll(async () => {
  served = await penguinBundle();
  root = await mkdtemp(join(tmpdir(), 'mb-serve-mjs-'));
}, 120_000);
afterAll(async () => {
  await served?.cleanup();
  await rm(root, { recursive: true, force: true });
});

/** The bundle zip unzipped into a fresh folder, with serve.mjs replaced by `serve` when given. */
async function unzipped(name: string, serve?: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir);
  for (const [path, bytes] of Object.entries(unzipSync(served.bundle.zip))) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  if (serve) await writeFile(join(dir, 'serve.mjs'), serve);
  return dir;
}

async function minifiedServeModule(): Promise<typeof serveModule> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      rollupOptions: { input: join(process.cwd(), 'src/core/serve/serveSource.ts'), preserveEntrySignatures: 'strict', output: { format: 'es', entryFileNames: 'serveSource.mjs' } },
      minify: true,
      write: false,
      outDir: root,
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const chunk = (Array.isArray(out) ? out[0] : out).output.find((c): c is Rollup.OutputChunk => c.type === 'chunk')!;
  const path = join(root, 'serveSource.mjs');
  await writeFile(path, chunk.code);
  return ((await import(/* @vite-ignore */ pathToFileURL(path).href)) as { serveModule: typeof serveModule }).serveModule;
}

/** A POST whose headers and first half of the body are sent now, and the rest on `finish()`. */
function halfSent(url: string, body: string) {
  const req = request(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
  const half = Math.floor(body.length / 2);
  const sent = new Promise<void>((resolve) => req.write(body.slice(0, half), () => resolve()));
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { sent, answer, finish: () => req.end(body.slice(half)) };
}

describe.each([
  ['as exported (the bundle zip)', async () => undefined],
  ['emitted from code loaded by tsx', async () => ((await tsImport('../../../../src/core/serve/serveSource.ts', import.meta.url)) as { serveModule: typeof serveModule }).serveModule({ name: 'penguins', version: 2 })],
  ['emitted by a minified build', async () => (await minifiedServeModule())({ name: 'penguins', version: 2 })],
])('node serve.mjs %s', (name, source) => {
  test('serves predictions equal to scorer.mjs, then stops on SIGTERM with every in-flight request answered', async () => {
    const text = await source();
    if (name.includes('minified')) expect(text).not.toContain('function serveRoutes');
    if (name.includes('tsx')) expect(text).toContain('__name(');
    const dir = await unzipped(name.replace(/\W+/g, '-'), text);
    const server = await startChild(['serve.mjs', '--port', '0', '--host', '127.0.0.1'], dir, { PATH: process.env.PATH });
    try {
      expect(await fetch(`${server.url}/health`).then((r) => r.json())).toEqual({ status: 'ready' });
      const res = await post(`${server.url}/invocations`, JSON.stringify({ dataframe_records: served.rows }));
      expect(res.json).toEqual({ predictions: served.scorer.predict(served.rows) });
      expect(await fetch(`${server.url}/metrics`).then((r) => r.text())).toMatch(/^modelbench_drift_psi\{column="Island"/m);

      // SIGTERM while 20 requests are in flight (headers and half the body sent): each is still answered, then Node exits 0.
      const bodies = served.rows.slice(0, 20).map((r) => JSON.stringify({ dataframe_records: [r] }));
      const pending = bodies.map((body) => halfSent(server.url, body));
      await Promise.all(pending.map((p) => p.sent));
      await waitInFlight(server.url, 20);
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 100));
      for (const p of pending) p.finish();
      const answers = await Promise.all(pending.map((p) => p.answer));
      expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 200));
      expect(answers.map((a) => JSON.parse(a.body).predictions[0])).toEqual(served.scorer.predict(served.rows.slice(0, 20)));
      expect(await server.exited).toBe(0);
      expect(server.lines.filter((l) => l.path === '/invocations' && l.status === 200)).toHaveLength(21);
      expect(server.lines.at(-1)).toMatchObject({ event: 'stopped' });
      expect(server.stderr()).toBe('');
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  test('a mistyped flag is answered with the flag it most likely meant, the usage and no stack', async () => {
    const dir = await unzipped(`${name.replace(/\W+/g, '-')}-flags`, await source());
    const run = spawnSync(process.execPath, ['serve.mjs', '--prot', '0'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown flag "--prot". Did you mean --port?');
    expect(run.stderr).toContain('Usage: node serve.mjs');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

test('the Dockerfile runs serve.mjs as a non-root user with a Node health check', () => {
  const docker = new TextDecoder().decode(served.bundle.files.Dockerfile);
  expect(docker).toMatch(/^FROM node:20-alpine$/m);
  expect(docker).toMatch(/^USER node$/m);
  expect(docker).toMatch(/^ENV NODE_ENV=production$/m);
  expect(docker).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "-e", ".*\/health/m);
  expect(docker).toContain('docker run --init');
  // ENTRYPOINT: flags after the image name on `docker run` reach serve.mjs.
  expect(docker).toMatch(/^ENTRYPOINT \["node", "serve.mjs", "--host", "0.0.0.0", "--port", "8080"\]$/m);
  expect(served.bundle.manifest.files['serve.mjs']).toBeDefined();
  expect(served.bundle.manifest.files.Dockerfile).toBeDefined();
  expect(served.bundle.manifest.files['drift.json']).toBeDefined();
});
