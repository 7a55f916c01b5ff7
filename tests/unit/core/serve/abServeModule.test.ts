/**
 * An A/B bundle's own serve.mjs, run by plain Node from the unzipped zip in a clean folder (no
 * node_modules anywhere above it), as packed by code loaded normally and by a minified Vite build
 * (as the studio's score worker packs it): routing, predictions, weights and the decision log.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assignVariant, packAbBundle, type Decision } from '../../../../src/core/abtest';
import { chiSquareSf } from '../../../../src/core/stats';
import { startChild } from './childServer';
import { penguinBundle, post, type Served } from './serveFixture';

let champion: Served;
let challenger: Served;
let root: string;
beforeAll(async () => {
  champion = await penguinBundle();
  challenger = await penguinBundle(11);
  root = await mkdtemp(join(tmpdir(), 'mb-ab-serve-mjs-'));
}, 180_000);
afterAll(async () => {
  await champion?.cleanup();
  await challenger?.cleanup();
  await rm(root, { recursive: true, force: true });
});

async function minifiedPack(): Promise<typeof packAbBundle> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      rollupOptions: { input: join(process.cwd(), 'src/core/abtest/abPack.ts'), preserveEntrySignatures: 'strict', output: { format: 'es', entryFileNames: 'abPack.mjs' } },
      minify: true,
      write: false,
      outDir: root,
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const chunk = (Array.isArray(out) ? out[0] : out).output.find((c): c is Rollup.OutputChunk => c.type === 'chunk')!;
  const path = join(root, 'abPack.mjs');
  await writeFile(path, chunk.code);
  return ((await import(/* @vite-ignore */ pathToFileURL(path).href)) as { packAbBundle: typeof packAbBundle }).packAbBundle;
}

async function unzipTo(dir: string, zip: Uint8Array): Promise<void> {
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
}

const readLog = async (dir: string): Promise<Decision[]> => {
  const parts = (await readdir(dir)).filter((f) => f.startsWith('decisions.ndjson'));
  const texts = await Promise.all(parts.map((f) => readFile(join(dir, f), 'utf8')));
  return texts.flatMap((t) => t.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Decision));
};

describe.each([
  ['packed as the CLI packs it', async () => packAbBundle],
  ['packed by a minified build', minifiedPack],
])('node serve.mjs of an A/B bundle %s', (name, pack) => {
  test('routes by unit id as the bundle hashes, answers with each variant\'s scorer, re-weights without a restart and logs every decision', async () => {
    const packAb = await pack();
    const variants = [
      { name: 'champion', weight: 70, files: champion.bundle.files },
      { name: 'challenger', weight: 30, files: challenger.bundle.files },
    ];
    const { zip, config } = packAb(variants, { salt: 'exp-2', createdAt: '2026-01-02T03:04:05.000Z' });
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['serve.mjs', 'Dockerfile', 'router.mjs', 'router.json']));
    const docker = new TextDecoder().decode(files.Dockerfile);
    expect(docker).toMatch(/^ENTRYPOINT \["node", "serve.mjs", "--host", "0.0.0.0", "--port", "8080"\]$/m);
    expect(docker).toContain('--decision-log logs/decisions.ndjson');
    if (name.includes('minified')) expect(new TextDecoder().decode(files['serve.mjs'])).not.toContain('function abServing');
    const dir = join(root, name.replace(/\W+/g, '-'));
    await unzipTo(dir, zip);
    const server = await startChild(['serve.mjs', '--port', '0', '--host', '127.0.0.1', '--unit-field', 'unit', '--admin-token', 'tok', '--quiet'], dir, { PATH: process.env.PATH });
    try {
      expect(await fetch(`${server.url}/health`).then((r) => r.json())).toEqual({ status: 'ready' });
      const scored: Record<string, unknown[]> = { champion: champion.scorer.predict(champion.rows), challenger: challenger.scorer.predict(champion.rows) };
      const n = champion.rows.length;

      // One row at a time: the assigned variant's answer.
      for (const unit of ['user-1', 'user-2', 'user-3', 'usér-4']) {
        const res = await post(`${server.url}/invocations`, JSON.stringify({ dataframe_records: [{ ...champion.rows[0], unit }] }));
        const variant = assignVariant(config, unit);
        expect(res.json).toEqual({ predictions: [scored[variant][0]], variants: [variant] });
      }

      // 20,000 ids in two 10,000-row requests: each id routed as the studio assigns it, the split
      // within a chi-square tolerance of 70/30, each prediction from that variant's scorer.mjs.
      const counts: Record<string, number> = { champion: 0, challenger: 0 };
      for (const start of [0, 10_000]) {
        const ids = Array.from({ length: 10_000 }, (_, k) => `u${start + k}`);
        const columns = ['unit', ...Object.keys(champion.rows[0])];
        const data = ids.map((id, k) => [id, ...Object.values(champion.rows[k % n])]);
        const res = await post(`${server.url}/invocations`, JSON.stringify({ dataframe_split: { columns, data } }));
        expect(res.status).toBe(200);
        const expected = ids.map((id) => assignVariant(config, id));
        expect(res.json.variants).toEqual(expected);
        expect(res.json.predictions).toEqual(expected.map((v, k) => scored[v][k % n]));
        for (const v of expected) counts[v]++;
      }
      const chi2 = (counts.champion - 14_000) ** 2 / 14_000 + (counts.challenger - 6_000) ** 2 / 6_000;
      expect(chiSquareSf(chi2, 1)).toBeGreaterThan(0.001);

      // New weights without a restart: the next unit ids follow them.
      const changed = await post(`${server.url}/admin/weights`, JSON.stringify({ weights: { champion: 0, challenger: 100 } }), 'application/json', { authorization: 'Bearer tok' });
      expect(changed.status).toBe(200);
      expect(changed.json.moved).toBeCloseTo(0.7, 9);
      const after = await post(`${server.url}/invocations`, JSON.stringify({ dataframe_records: [{ ...champion.rows[1], unit: 'user-1' }] }));
      expect(after.json.variants).toEqual(['challenger']);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const decisions = await readLog(dir);
      const routedIds = Array.from({ length: 20_000 }, (_, k) => `u${k}`);
      const sorted = (pairs: string[][]) => pairs.map((p) => p.join('\u0000')).sort();
      expect(decisions).toHaveLength(20_005);
      expect(sorted(decisions.map((d) => [d.unitId, d.variant]))).toEqual(
        sorted([...['user-1', 'user-2', 'user-3', 'usér-4', ...routedIds].map((u) => [u, assignVariant(config, u)]), ['user-1', 'challenger']]),
      );
      expect(server.lines.find((l) => l.event === 'decision-log')).toMatchObject({ path: 'decisions.ndjson' });
      expect(server.stderr()).toBe('');
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 120_000);
});
