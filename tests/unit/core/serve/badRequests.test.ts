/** Bad requests against the real server: each gets the right 4xx and a JSON error, and the next request is served. */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BundleScorer } from '../../../../src/core/serve';
import { penguinBundle, post, startServer, type Served } from './serveFixture';

let served: Served;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  served = await penguinBundle();
  server = await startServer(served, ['--max-body', '4kb', '--max-rows', '20']);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await served?.cleanup();
});

/** Sends raw bytes on a socket and resolves with whatever the server writes back before closing. */
function raw(port: number, text: string, pauseMs = 0, more = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(text);
    if (more) setTimeout(() => socket.writable && socket.write(more), pauseMs);
  });
}

const row = () => ({ ...served.rows[0] });
const records = (rows: unknown[]) => JSON.stringify({ dataframe_records: rows });
const split = (rows: Record<string, unknown>[]) => JSON.stringify({ dataframe_split: { columns: Object.keys(rows[0]), data: rows.map((r) => Object.values(r)) } });

async function stillServes(): Promise<void> {
  const res = await post(`${server.url}/invocations`, records([row()]));
  expect(res.status).toBe(200);
  expect(res.json.predictions).toEqual(served.scorer.predict([row()]));
}

describe.each([
  ['malformed JSON', () => '{"dataframe_records": [', 'application/json', 400, 'MALFORMED_REQUEST', {}],
  ['a JSON body without a known field', () => JSON.stringify({ rows: [] }), 'application/json', 400, 'INVALID_PARAMETER_VALUE', {}],
  ['a CSV body with an unclosed quote', () => 'Island,Sex\n"Dream,MALE', 'text/csv', 400, 'INVALID_PARAMETER_VALUE', {}],
  ['a CSV line with too many fields', () => `${Object.keys(row()).join(',')}\n${Object.values(row()).join(',')},extra`, 'text/csv', 400, 'INVALID_PARAMETER_VALUE', { row: 0 }],
  ['the wrong content type', () => records([row()]), 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE', {}],
  ['an unknown column', () => records([row(), { ...row(), Beak: 1 }]), 'application/json', 400, 'INVALID_PARAMETER_VALUE', { row: 1, column: 'Beak' }],
  ['a missing column', () => records([(({ Sex: _, ...r }) => r)(row())]), 'application/json', 400, 'INVALID_PARAMETER_VALUE', { row: 0, column: 'Sex' }],
  ['a wrong type', () => records([row(), row(), { ...row(), 'Body Mass (g)': 'heavy' }]), 'application/json', 400, 'INVALID_PARAMETER_VALUE', { row: 2, column: 'Body Mass (g)' }],
  ['an unknown category', () => records([{ ...row(), Island: 'Atlantis' }]), 'application/json', 400, 'INVALID_PARAMETER_VALUE', { row: 0, column: 'Island' }],
  ['an unknown category in a dataframe_split', () => split([row(), row(), { ...row(), Island: 'Atlantis' }]), 'application/json', 400, 'INVALID_PARAMETER_VALUE', { row: 2, column: 'Island' }],
  ['an unknown column in a dataframe_split', () => split([row(), { ...row(), Beak: 1 }].map((r) => ({ ...r, Beak: 1 }))), 'application/json', 400, 'INVALID_PARAMETER_VALUE', { row: 0, column: 'Beak' }],
  ['too many rows', () => records(Array.from({ length: 21 }, row)), 'application/json', 413, 'TOO_MANY_ROWS', {}],
  ['a body over the size limit', () => records(Array.from({ length: 40 }, row)), 'application/json', 413, 'REQUEST_TOO_LARGE', {}],
])('%s', (_, body, type, status, code, where) => {
  test(`answers ${status} ${code} naming the place, then serves the next request`, async () => {
    const res = await post(`${server.url}/invocations`, body(), type);
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error_code: code, message: expect.any(String), ...where });
    expect(res.json.message).not.toMatch(/\bat .*\.(ts|mjs|js):\d+/);
    await stillServes();
  });
});

test('a path that does not exist is 404 and a wrong method 405, as JSON', async () => {
  const missing = await fetch(`${server.url}/nope`);
  expect(missing.status).toBe(404);
  expect(await missing.json()).toMatchObject({ error_code: 'NOT_FOUND' });
  const wrong = await fetch(`${server.url}/invocations`);
  expect(wrong.status).toBe(405);
  expect((await post(`${server.url}/ping`, '{}')).status).toBe(405);
  await stillServes();
});

describe('slow clients (1.5 s header and body timeouts)', () => {
  let slow: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    slow = await startServer(served, ['--header-timeout', '1500', '--body-timeout', '1500']);
  });
  afterAll(async () => {
    await slow?.close();
  });

  test('a client too slow with its headers gets 408 as JSON', async () => {
    const answer = await raw(slow.port, 'POST /invocations HTTP/1.1\r\nHost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.split('\r\n\r\n')[1])).toMatchObject({ error_code: 'REQUEST_TIMEOUT' });
    expect((await post(`${slow.url}/invocations`, records([row()]))).status).toBe(200);
  });

  test('a client too slow with its body gets 408 as JSON', async () => {
    const answer = await raw(slow.port, 'POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"datafr');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('REQUEST_TIMEOUT');
    expect((await post(`${slow.url}/invocations`, records([row()]))).status).toBe(200);
  });
});

test('a request that is not HTTP gets 400 as JSON', async () => {
  const answer = await raw(server.port, 'HELLO THERE\r\n\r\n');
  expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  expect(answer).toContain('MALFORMED_REQUEST');
  await stillServes();
});

test('--on-error row answers bad rows in place and scores the others', async () => {
  const own = await startServer(served, ['--on-error', 'row']);
  try {
    const rows = [row(), { ...row(), 'Body Mass (g)': 'heavy' }, { ...row(), Island: 'Atlantis' }, served.rows[5]];
    const res = await post(`${own.url}/invocations`, records(rows));
    expect(res.status).toBe(200);
    const [a, b, c, d] = res.json.predictions;
    expect([a, d]).toEqual(served.scorer.predict([rows[0], rows[3]]));
    expect(b.error).toContain("'Body Mass (g)'");
    expect(c.error).toContain("Row 2 column 'Island'");
  } finally {
    await own.close();
  }
});

test('an unexpected failure answers 500 with the request id only: no stack, no path', async () => {
  const failing: BundleScorer = { meta: served.scorer.meta, predict: (rows) => (rows.length === 3 ? ((): never => { throw new Error('boom in /srv/secret/scorer.mjs'); })() : served.scorer.predict(rows)) };
  const log: string[] = [];
  const own = await startServer(served, [], log, failing);
  try {
    const res = await post(`${own.url}/invocations`, records([row(), row(), row()]), 'application/json', { 'x-request-id': 'r-500' });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error_code: 'INTERNAL_ERROR', message: expect.stringContaining('r-500') });
    expect(JSON.stringify(res.json)).not.toContain('/srv/secret');
    expect(log.join('')).toContain('/srv/secret');
    expect((await post(`${own.url}/invocations`, records([row()]))).status).toBe(200);
  } finally {
    await own.close();
  }
});

test('/health is not ready until a warm-up prediction succeeded', async () => {
  const broken: BundleScorer = { meta: served.scorer.meta, predict: () => { throw new Error('weights failed to load'); } };
  const own = await startServer(served, [], [], broken);
  try {
    expect((await fetch(`${own.url}/ping`)).status).toBe(200);
    expect((await fetch(`${own.url}/health`)).status).toBe(503);
    expect((await fetch(`${own.url}/v2/health/ready`)).status).toBe(503);
    expect((await post(`${own.url}/invocations`, records([row()]))).status).toBe(503);
  } finally {
    await own.close();
  }
});
