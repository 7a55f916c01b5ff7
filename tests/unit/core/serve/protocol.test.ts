/** The real server on a loopback port: every request shape of both protocols answers as scorer.mjs does. */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { penguinBundle, post, startServer, type Served } from './serveFixture';

let served: Served;
let server: Awaited<ReturnType<typeof startServer>>;
const log: string[] = [];

beforeAll(async () => {
  served = await penguinBundle();
  server = await startServer(served, [], log);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await served?.cleanup();
});

const columns = () => Object.keys(served.rows[0]);
const some = () => served.rows.slice(0, 40);

describe('POST /invocations (MLflow)', () => {
  test.each([
    ['dataframe_split', () => ({ dataframe_split: { columns: columns(), data: some().map((r) => columns().map((c) => r[c])) } })],
    ['dataframe_records', () => ({ dataframe_records: some() })],
    ['instances', () => ({ instances: some() })],
    ['inputs (records)', () => ({ inputs: some() })],
    ['inputs (columns)', () => ({ inputs: Object.fromEntries(columns().map((c) => [c, some().map((r) => r[c])])) })],
  ])('%s answers exactly what scorer.mjs answers, in row order', async (_, body) => {
    const res = await post(`${server.url}/invocations`, JSON.stringify(body()));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ predictions: served.scorer.predict(some()) });
  });

  test('text/csv with a header row, quoted fields and empty cells as missing', async () => {
    const rows = some();
    const cell = (v: unknown) => (v === null ? '' : typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : String(v));
    const csv = [columns().map((c) => `"${c}"`).join(','), ...rows.map((r) => columns().map((c) => cell(r[c])).join(','))].join('\r\n');
    const res = await post(`${server.url}/invocations`, csv, 'text/csv; charset=utf-8');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ predictions: served.scorer.predict(rows) });
  });

  test('concurrent single-row requests are micro-batched and each gets its own row answered', async () => {
    const rows = served.rows.slice(0, 200);
    const answers = await Promise.all(rows.map((r) => post(`${server.url}/invocations`, JSON.stringify({ dataframe_records: [r] }))));
    expect(answers.map((a) => a.json.predictions[0])).toEqual(served.scorer.predict(rows));
    const metrics = (await fetch(`${server.url}/metrics`).then((r) => r.text())).split('\n');
    const count = Number(metrics.find((l) => l.startsWith('modelbench_batch_rows_count'))!.split(' ')[1]);
    const rowsInBatches = Number(metrics.find((l) => l.startsWith('modelbench_batch_rows_sum'))!.split(' ')[1]);
    // Fewer scorer calls than requests: concurrent requests shared batches.
    expect(rowsInBatches / count).toBeGreaterThan(1);
  });
});

describe('Open Inference Protocol (v2)', () => {
  test('infer takes one tensor per column and answers label and probability tensors', async () => {
    const rows = some();
    const inputs = columns().map((c) => ({ name: c, shape: [rows.length], datatype: typeof rows[0][c] === 'number' ? 'FP64' : 'BYTES', data: rows.map((r) => r[c]) }));
    const res = await post(`${server.url}/v2/models/penguins/infer`, JSON.stringify({ id: 'q1', inputs }));
    expect(res.status).toBe(200);
    const expected = served.scorer.predict(rows) as { label: string; probabilities: Record<string, number> }[];
    const classes = served.scorer.meta.classes!;
    expect(res.json.model_name).toBe('penguins');
    expect(res.json.id).toBe('q1');
    expect(res.json.outputs).toEqual([
      { name: 'label', datatype: 'BYTES', shape: [rows.length], data: expected.map((p) => p.label) },
      { name: 'probabilities', datatype: 'FP64', shape: [rows.length, classes.length], data: expected.flatMap((p) => classes.map((c) => p.probabilities[c])) },
    ]);
  });

  test('metadata, liveness and readiness', async () => {
    const meta = await fetch(`${server.url}/v2/models/penguins`).then((r) => r.json());
    expect(meta.name).toBe('penguins');
    expect(meta.inputs.map((i: { name: string }) => i.name)).toEqual(columns());
    expect((await fetch(`${server.url}/v2/health/live`)).status).toBe(200);
    expect((await fetch(`${server.url}/v2/health/ready`)).status).toBe(200);
    expect((await fetch(`${server.url}/v2/models/penguins/ready`)).status).toBe(200);
  });
});

test('/metrics reports the drift (PSI) of the last N rows against the training profile', async () => {
  const own = await startServer(served, ['--drift-window', String(served.rows.length)]);
  try {
    const psi = async () => Object.fromEntries([...(await fetch(`${own.url}/metrics`).then((r) => r.text())).matchAll(/^modelbench_drift_psi\{column="([^"]+)",band="(\w+)"\} (\S+)$/gm)].map((m) => [m[1], { band: m[2], psi: Number(m[3]) }]));
    // A large request adds an even sample of its rows to the window: requests of 50 rows add them all.
    const send = async (rows: Record<string, unknown>[]) => {
      for (let i = 0; i < rows.length; i += 50) await post(`${own.url}/invocations`, JSON.stringify({ dataframe_records: rows.slice(i, i + 50) }));
    };
    // The training rows themselves: no drift.
    await send(served.rows);
    const same = await psi();
    expect(Object.keys(same)).toEqual(expect.arrayContaining(['Island', 'Sex', 'Body Mass (g)']));
    for (const v of Object.values(same)) expect(v.psi).toBeLessThan(1e-9);
    // Every penguin now comes from Dream and is 1 kg heavier: major drift on those two columns only.
    await send(served.rows.map((r) => ({ ...r, Island: 'Dream', 'Body Mass (g)': (r['Body Mass (g)'] as number) + 1000 })));
    const moved = await psi();
    expect(moved.Island.band).toBe('major');
    expect(moved['Body Mass (g)'].band).toBe('major');
    expect(moved.Sex.psi).toBeLessThan(1e-9);
  } finally {
    await own.close();
  }
});

describe('GET routes', () => {
  test('/ping, /health, /version', async () => {
    expect(await fetch(`${server.url}/ping`).then((r) => r.json())).toEqual({ status: 'alive' });
    expect(await fetch(`${server.url}/health`).then((r) => r.json())).toEqual({ status: 'ready' });
    expect(await fetch(`${server.url}/version`).then((r) => r.json())).toEqual({ model: 'penguins', version: 2, server: 'test' });
  });

  test('/metadata gives the input schema with categories, the output classes and the manifest hashes', async () => {
    const meta = await fetch(`${server.url}/metadata`).then((r) => r.json());
    expect(meta.model).toEqual({ name: 'penguins', version: 2, task: 'multiclass', target: 'Species' });
    expect(meta.outputs.label).toEqual(served.scorer.meta.classes);
    const island = meta.inputs.find((c: { name: string }) => c.name === 'Island');
    expect(island.categories).toEqual(expect.arrayContaining(['Biscoe', 'Dream', 'Torgersen']));
    expect(meta.files['scorer.mjs']).toBe(served.bundle.manifest.files['scorer.mjs'].sha256);
  });

  test('/openapi.json describes every route and the row schema', async () => {
    const doc = await fetch(`${server.url}/openapi.json`).then((r) => r.json());
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/invocations', '/health', '/metrics', '/v2/models/penguins/infer']));
    expect(doc.components.schemas.Row.required).toEqual(columns());
  });

  test('/metrics is Prometheus text with counts by status, latency, rows, in-flight and the drift of recent rows', async () => {
    await post(`${server.url}/invocations`, JSON.stringify({ dataframe_records: served.rows }));
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^modelbench_requests_total\{route="\/invocations",status="200"\} \d+$/m);
    expect(text).toMatch(/^modelbench_request_duration_seconds_bucket\{le="\+Inf"\} \d+$/m);
    expect(text).toMatch(/^modelbench_rows_scored_total \d+$/m);
    expect(text).toMatch(/^modelbench_in_flight_requests 1$/m);
    expect(text).toMatch(/^modelbench_drift_psi\{column="Island",band="\w+"\} \S+$/m);
  });

  test('every request gets a JSON access-log line with its request id', async () => {
    const res = await fetch(`${server.url}/ping`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    // The line is written when the response finishes, which may come after the client has read it.
    await vi.waitFor(() => expect(log.map((l) => JSON.parse(l)).find((e) => e.id === 'abc-123')).toMatchObject({ method: 'GET', path: '/ping', status: 200 }), { timeout: 30_000, interval: 10 });
  });
});
