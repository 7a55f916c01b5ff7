/**
 * `modelbench serve ab.zip`: the real server routes by unit id with the bundle's hashing and weights,
 * takes new weights without a restart, logs every decision (rotated by size) and loses no log line
 * on SIGTERM under load.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { abSetup } from '../../../src/cli/serveAb';
import { assignVariant, packAbBundle, type Decision, type RouterConfig } from '../../../src/core/abtest';
import { parseServeArgs, runServer, SERVE_PARTS } from '../../../src/core/serve';
import { chiSquareSf } from '../../../src/core/stats';
import { startChild, waitInFlight } from '../core/serve/childServer';
import { penguinBundle, post, type Served } from '../core/serve/serveFixture';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-serve-ab-'));
const zipPath = join(dir, 'ab.zip');
const unzipped = join(dir, 'ab');
let champion: Served;
let challenger: Served;
let files: Record<string, Uint8Array>;
let config: RouterConfig;

beforeAll(async () => {
  champion = await penguinBundle();
  challenger = await penguinBundle(11);
  const packed = packAbBundle([{ name: 'champion', weight: 50, files: champion.bundle.files }, { name: 'challenger', weight: 50, files: challenger.bundle.files }], { salt: 'exp-1', createdAt: '2026-01-02T03:04:05.000Z' });
  config = packed.config;
  writeFileSync(zipPath, packed.zip);
  files = unzipSync(packed.zip);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(join(unzipped, path, '..'), { recursive: true });
    writeFileSync(join(unzipped, path), bytes);
  }
}, 180_000);
afterAll(async () => {
  await champion?.cleanup();
  await challenger?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const readLog = (path: string): Decision[] => readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Decision);

test('routes rows by unit id as the bundle hashes them, follows new weights without a restart (chi-square over 100,000 ids) and logs every decision', async () => {
  const logPath = join(dir, 'decisions.ndjson');
  const { options } = parseServeArgs(['--port', '0', '--unit-field', 'user_id', '--admin-token', 'tok', '--decision-log', logPath, '--quiet'], 'usage');
  const events: string[] = [];
  const event = (name: string, extra: Record<string, unknown>) => void events.push(JSON.stringify({ event: name, ...extra }));
  const { model, ab } = await abSetup(unzipped, files, options, event);
  const server = await runServer({ http, signals: null, defer: setImmediate, log: () => {}, logError: (l) => void events.push(l), options, model, ab, serverVersion: 'test' }, SERVE_PARTS);
  const url = `http://127.0.0.1:${server.port}`;
  try {
    // Each row is routed by its own unit id and scored by that variant's scorer.mjs.
    const rows = champion.rows.slice(0, 30).map((r, i) => ({ ...r, user_id: `first-${i}` }));
    const first = await post(`${url}/invocations`, JSON.stringify({ dataframe_records: rows }));
    expect(first.status).toBe(200);
    const expected = rows.map((r) => assignVariant(config, r.user_id));
    expect(first.json.variants).toEqual(expected);
    expect(first.json.predictions).toEqual(rows.map(({ user_id: _, ...r }, i) => (expected[i] === 'champion' ? champion : challenger).scorer.predict([r])[0]));

    // New weights need the token; the change is logged and the slices move as little as possible.
    expect((await post(`${url}/admin/weights`, JSON.stringify({ weights: { champion: 20, challenger: 80 } }))).status).toBe(401);
    expect((await post(`${url}/admin/weights`, JSON.stringify({ weights: { champion: 20 } }), 'application/json', { authorization: 'Bearer tok' })).status).toBe(400);
    const changed = await post(`${url}/admin/weights`, JSON.stringify({ weights: { champion: 20, challenger: 80 } }), 'application/json', { authorization: 'Bearer tok' });
    expect(changed.status).toBe(200);
    expect(changed.json.moved).toBeCloseTo(0.3, 9);
    expect(events.map((e) => JSON.parse(e)).find((e) => e.event === 'weights')).toMatchObject({ from: { champion: 0.5, challenger: 0.5 }, to: { champion: 0.2, challenger: 0.8 } });

    // 100,000 unit ids now split 20/80.
    const counts = { champion: 0, challenger: 0 };
    const answered = new Map<string, string>();
    for (let start = 0; start < 100_000; start += 10_000) {
      const batch = Array.from({ length: 10_000 }, (_, k) => ({ ...champion.rows[(start + k) % champion.rows.length], user_id: `u${start + k}` }));
      const res = await post(`${url}/invocations`, JSON.stringify({ dataframe_records: batch }));
      expect(res.status).toBe(200);
      (res.json.variants as ('champion' | 'challenger')[]).forEach((v, k) => {
        counts[v]++;
        answered.set(`u${start + k}`, v);
      });
    }
    const chi2 = (counts.champion - 20_000) ** 2 / 20_000 + (counts.challenger - 80_000) ** 2 / 80_000;
    expect(chiSquareSf(chi2, 1)).toBeGreaterThan(0.001);

    await server.close();
    const logged = readLog(logPath).filter((d) => d.unitId.startsWith('u'));
    expect(logged).toHaveLength(100_000);
    expect(logged.every((d) => answered.get(d.unitId) === d.variant && !d.shadow)).toBe(true);
  } finally {
    await server.close();
  }
}, 300_000);

function inFlightOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(`${url}/metrics`, { agent: false }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve(Number(/^modelbench_in_flight_requests (\d+)$/m.exec(text)![1])));
    }).on('error', reject);
  });
}

/** A POST with its headers and half its body sent now, the rest on `finish()`. */
function halfSent(url: string, body: string, unit: string) {
  const req = request(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-unit-id': unit, 'content-length': Buffer.byteLength(body) } });
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

test('SIGTERM under load: every in-flight request is answered and every decision, shadow ones included, is in the rotated log', async () => {
  const logDir = join(dir, 'sigterm');
  mkdirSync(logDir);
  const logPath = join(logDir, 'decisions.ndjson');
  const server = await startChild([join(process.cwd(), 'src/cli/modelbench.mjs'), 'serve', zipPath, '--port', '0', '--decision-log', logPath, '--log-max-bytes', '4kb', '--admin-token', 'tok'], process.cwd());
  try {
    const shadow = await post(`${server.url}/admin/weights`, JSON.stringify({ weights: { champion: 50, challenger: 50 }, shadow: true }), 'application/json', { authorization: 'Bearer tok' });
    expect(shadow.status).toBe(200);
    const pending = champion.rows.slice(0, 40).map((r, i) => halfSent(server.url, JSON.stringify({ dataframe_records: [r] }), `unit-${i}`));
    await Promise.all(pending.map((p) => p.sent));
    await waitInFlight(server.url, 40);
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    for (const p of pending) p.finish();
    const answers = await Promise.all(pending.map((p) => p.answer));
    expect(answers.map((a) => a.status)).toEqual(pending.map(() => 200));
    // Shadow mode answers with the champion.
    expect(answers.every((a) => JSON.parse(a.body).variants[0] === 'champion')).toBe(true);
    expect(await server.exited).toBe(0);
    const parts = readdirSync(logDir).filter((f) => f.startsWith('decisions.ndjson'));
    expect(parts.length).toBeGreaterThan(1);
    const decisions = parts.flatMap((f) => readLog(join(logDir, f)));
    const ids = (shadowed: boolean) => decisions.filter((d) => d.shadow === shadowed).map((d) => d.unitId).sort();
    const expected = pending.map((_, i) => `unit-${i}`).sort();
    expect(ids(false)).toEqual(expected);
    expect(ids(true)).toEqual(expected);
    expect(server.lines.find((l) => l.event === 'weights')).toMatchObject({ shadow: true });
  } finally {
    server.child.kill('SIGKILL');
  }
}, 240_000);

test('--workers 2: both processes start, and the one decision log is complete after SIGTERM under load', async () => {
  const logDir = join(dir, 'cluster');
  mkdirSync(logDir);
  const logPath = join(logDir, 'decisions.ndjson');
  const server = await startChild([join(process.cwd(), 'src/cli/modelbench.mjs'), 'serve', zipPath, '--port', '0', '--workers', '2', '--decision-log', logPath], process.cwd());
  try {
    // Wait until both workers listen, then answer 60 requests and hold 20 more in flight across the SIGTERM.
    for (let i = 0; i < 900 && server.lines.filter((l) => l.event === 'ready').length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(server.lines.filter((l) => l.event === 'ready')).toHaveLength(2);
    const done = await Promise.all(champion.rows.slice(0, 60).map((r, i) => post(`${server.url}/invocations`, JSON.stringify({ dataframe_records: [r] }), 'application/json', { 'x-unit-id': `done-${i}` })));
    expect(done.every((d) => d.status === 200)).toBe(true);
    const pending = champion.rows.slice(0, 20).map((r, i) => halfSent(server.url, JSON.stringify({ dataframe_records: [r] }), `late-${i}`));
    await Promise.all(pending.map((p) => p.sent));
    // Each worker counts its own requests in flight: wait until the two counts add up.
    for (let i = 0; i < 600; i++) {
      // A new connection per poll: the cluster hands connections to the workers in turn.
      const counts: number[] = [];
      for (let k = 0; k < 4; k++) counts.push((await inFlightOnNewConnection(server.url)) - 1);
      if (Math.max(...counts) + Math.min(...counts) >= 20) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    for (const p of pending) p.finish();
    const answers = await Promise.all(pending.map((p) => p.answer));
    expect(answers.map((a) => a.status)).toEqual(pending.map(() => 200));
    expect(await server.exited).toBe(0);
    const ids = readLog(logPath).map((d) => d.unitId).sort();
    expect(ids).toEqual([...done.map((_, i) => `done-${i}`), ...pending.map((_, i) => `late-${i}`)].sort());
  } finally {
    server.child.kill('SIGKILL');
  }
}, 240_000);
