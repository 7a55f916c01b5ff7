// Section "serve": a bundle's own `node serve.mjs` beside the process's way of serving a model (Flask + scikit-learn
// under gunicorn with 2 workers), both on loopback in the same run, loaded from this process by src/cli/httpLoad.ts (a
// closed loop of keep-alive sockets): single-row requests at 64 connections for 20 s, then 1,000-row batches. The
// model shape is the same on both sides: standardised inputs into a logistic regression on the breast-cancer sample
// (30 numeric columns). autocannon then loads our server's single rows once more for comparison, and serve.mjs
// alternates with the floor of any node:http server (serve_floor.mjs). MB_BENCH_SERVE_S changes the 20 s.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import { unzipSync } from 'fflate';
import { PYTHON, pythonMissing, runProcess } from './flight-task.mjs';
import { count, printTable, times, verdict } from './format.mjs';
import { tsImport } from 'tsx/esm/api';

// The load generator `modelbench loadtest` uses (TypeScript, loaded through tsx).
const { httpLoad } = await tsImport('../../src/cli/httpLoad.ts', import.meta.url);

export const name = 'serve';
export const title = 'Scoring server (bundle serve.mjs vs Flask + scikit-learn under gunicorn, 2 workers)';

const DIR = '.bench-data/serve';
const DATA = 'public/samples/breast-cancer.csv';
const GUNICORN = '/usr/bin/gunicorn';
const SECONDS = Number(process.env.MB_BENCH_SERVE_S) || 20;
const WARMUP_S = 3;
const CONNECTIONS = 64;
const BATCH_ROWS = 1000;
const BATCH_CONNECTIONS = 8;

/** The breast-cancer rows as request rows (numbers), the target left out. */
async function requestRows() {
  const [head, ...lines] = (await readFile(DATA, 'utf8')).trim().split('\n');
  const columns = head.split(',');
  const keep = columns.map((c, i) => (c === 'diagnosis' ? -1 : i)).filter((i) => i >= 0);
  return { columns: keep.map((i) => columns[i]), data: lines.map((l) => { const cells = l.split(','); return keep.map((i) => Number(cells[i])); }) };
}

/** Trains and exports our model with the CLI, and unzips the bundle into a folder of its own. */
async function ourBundle(timeoutMs) {
  await rm(DIR, { recursive: true, force: true });
  await mkdir(join(DIR, 'bundle'), { recursive: true });
  const run = join(DIR, 'run');
  await runProcess('node', ['src/cli/modelbench.mjs', 'train', DATA, '--target', 'diagnosis', '--model', 'logistic', '--seed', '42', '--cv', '0', '--backend', 'cpu', '--out', run], { timeoutMs });
  await runProcess('node', ['src/cli/modelbench.mjs', 'export', run, '--out', join(DIR, 'bundle.zip'), '--name', 'breast-cancer'], { timeoutMs });
  for (const [path, bytes] of Object.entries(unzipSync(readFileSync(join(DIR, 'bundle.zip'))))) {
    await mkdir(dirname(join(DIR, 'bundle', path)), { recursive: true });
    await writeFile(join(DIR, 'bundle', path), bytes);
  }
  return join(DIR, 'bundle');
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * CPU seconds used so far by a process and its children (gunicorn's workers), from /proc: divided by
 * the requests answered, a cost per request that other work on the machine inflates far less than
 * it does throughput or latency.
 */
function cpuSeconds(pid) {
  const pids = [String(pid), ...spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout.trim().split(/\s+/).filter(Boolean)];
  let ticks = 0;
  for (const p of pids) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A worker that has just exited.
    }
  }
  return ticks / 100;
}

async function waitFor(url, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${url} exited (${child.exitCode}) before answering`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within 30 s`);
}

/** The server's own request-duration histogram (cumulative counts by upper bound in seconds), from its /metrics. */
async function durations(url) {
  const text = await fetch(`${url}/metrics`).then((r) => (r.ok ? r.text() : ''), () => '');
  const out = new Map();
  for (const m of text.matchAll(/^\w+_request_duration_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm)) out.set(m[1], Number(m[2]));
  return out;
}

/**
 * Where the server itself puts a phase's requests: the share it answered within 5 ms, and the
 * smallest bucket bound holding 99 % of them (its clock runs from the parsed request to the answer
 * written, so the load generator's own queue is not in it).
 */
function serverSide(before, after) {
  const delta = [...after].map(([le, c]) => [le, c - (before.get(le) ?? 0)]);
  const total = delta.find(([le]) => le === '+Inf')?.[1];
  if (!total) return null;
  const within5 = delta.find(([le]) => Number(le) === 0.005)?.[1];
  const p99 = delta.find(([, c]) => c >= 0.99 * total)?.[0];
  return { within5ms: within5 == null ? null : within5 / total, p99AtMostMs: p99 == null || p99 === '+Inf' ? null : Number(p99) * 1000 };
}

async function load(url, body, connections, seconds, pid, generator = 'httpLoad') {
  const cpuBefore = cpuSeconds(pid);
  const histBefore = await durations(url);
  const rss = [];
  const sampler = setInterval(() => void rssNow(pid).then((mb) => mb && rss.push(mb)), 1000);
  const r = generator === 'autocannon' ? await autocannonLoad(url, body, connections, seconds) : await httpLoad({ url: `${url}/invocations`, body, connections, seconds });
  clearInterval(sampler);
  const cpu = cpuSeconds(pid) - cpuBefore;
  const cpuPerRequestUs = r.requests ? (cpu / r.requests) * 1e6 : null;
  return { ...r, cpuPerRequestUs, busy: cpu / r.seconds, server: serverSide(histBefore, await durations(url)), rss };
}

/**
 * Resident memory in MB of a process and its children (gunicorn's workers), read from /proc without
 * blocking: also sampled every second while the load runs (ps through spawnSync would stall the load
 * generator's loop).
 */
async function rssNow(pid) {
  const kb = async (p) => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
  try {
    const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean);
    const all = await Promise.all([pid, ...children].map((p) => kb(p).catch(() => 0)));
    return all.reduce((a, b) => a + b, 0) / 1024;
  } catch {
    return null;
  }
}

/** The same phase through autocannon (whole-millisecond latencies, from its histogram). */
async function autocannonLoad(url, body, connections, seconds) {
  const cpuBefore = process.cpuUsage();
  const r = await autocannon({ url: `${url}/invocations`, method: 'POST', connections, duration: seconds, headers: { 'content-type': 'application/json' }, body });
  const wall = r.duration || seconds;
  const cpu = process.cpuUsage(cpuBefore);
  return { requests: r.requests.total, requestsPerSecond: r.requests.total / wall, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max,
    errors: r.errors + r.timeouts + r.non2xx, generatorCores: (cpu.user + cpu.system) / 1e6 / wall, seconds: wall };
}

/** Starts a server, checks one answer, loads it with single rows then batches, and stops it. */
async function measure(label, start, rows, log, withAutocannon = false) {
  const { child, url } = await start();
  try {
    const one = JSON.stringify({ dataframe_split: { columns: rows.columns, data: [rows.data[0]] } });
    const batch = JSON.stringify({ dataframe_split: { columns: rows.columns, data: Array.from({ length: BATCH_ROWS }, (_, i) => rows.data[i % rows.data.length]) } });
    const answer = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: one }).then((r) => r.json());
    if (!answer.predictions?.[0]?.label) throw new Error(`${label} answered ${JSON.stringify(answer).slice(0, 200)}`);
    const rssIdle = await rssNow(child.pid);
    // A warm-up as load tests run one: the JIT compiles the hot path and the heap grows to its
    // working size (RSS rises from about 48 to about 100 MB in the first seconds, then stays), so
    // the measured phase and "memory flat" start from the server as it runs, not as it started.
    log(`  ${label}: warm-up, single rows, ${CONNECTIONS} connections, ${WARMUP_S} s…`);
    await load(url, one, CONNECTIONS, WARMUP_S, child.pid);
    const rssStart = await rssNow(child.pid);
    log(`  ${label}: single rows, ${CONNECTIONS} connections, ${SECONDS} s…`);
    const single = await load(url, one, CONNECTIONS, SECONDS, child.pid);
    // One connection: the time to answer a request with no queue in front of it.
    log(`  ${label}: single rows, 1 connection, ${Math.ceil(SECONDS / 4)} s…`);
    const alone = await load(url, one, 1, Math.ceil(SECONDS / 4), child.pid);
    log(`  ${label}: ${BATCH_ROWS.toLocaleString('en-US')}-row batches, ${BATCH_CONNECTIONS} connections, ${Math.ceil(SECONDS / 2)} s…`);
    const batched = await load(url, batch, BATCH_CONNECTIONS, Math.ceil(SECONDS / 2), child.pid);
    const rssEnd = await rssNow(child.pid);
    let crossCheck = null;
    if (withAutocannon) {
      log(`  ${label}: single rows through autocannon, ${CONNECTIONS} connections, ${Math.ceil(SECONDS / 2)} s…`);
      crossCheck = await load(url, one, CONNECTIONS, Math.ceil(SECONDS / 2), child.pid, 'autocannon');
    }
    return { label, single, alone, batch: { ...batched, rowsPerSecond: batched.requestsPerSecond * BATCH_ROWS }, rssIdle, rssStart, rssEnd, crossCheck };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
  }
}

/** Spawns a Node server that prints {"event":"listening","url":…}; resolves with the process and its URL. */
async function spawnListening(args, cwd, label) {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      const m = /"event":"listening","url":"([^"]+)"/.exec(text);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`${label} exited (${code})`)));
  });
  return { child, url };
}

function startOurs(dir) {
  return async () => {
    const { child, url } = await spawnListening(['serve.mjs', '--port', '0', '--quiet'], dir, 'serve.mjs');
    await waitFor(`${url}/health`, child);
    return { child, url };
  };
}

const FLOOR_SLICES = 4;
const FLOOR_SLICE_S = 5;

/**
 * serve.mjs against the floor of any node:http server (serve_floor.mjs: parse the JSON, answer a
 * fixed text), in alternating slices of single-row load at CONNECTIONS connections, so both meet
 * the same state of the machine: on this VM throughput and latency swing by a third within minutes.
 */
async function floorComparison(dir, rows, log) {
  const one = JSON.stringify({ dataframe_split: { columns: rows.columns, data: [rows.data[0]] } });
  const ours = await startOurs(dir)();
  let floor = null;
  try {
    const answer = await fetch(`${ours.url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: one }).then((r) => r.text());
    floor = await spawnListening([join(import.meta.dirname, 'serve_floor.mjs'), answer], DIR, 'serve_floor.mjs');
    log(`  serve.mjs and the node:http floor: ${FLOOR_SLICES} alternating slices of ${FLOOR_SLICE_S} s each…`);
    const slices = { ours: [], floor: [] };
    for (const s of [ours, floor]) await httpLoad({ url: `${s.url}/invocations`, body: one, connections: CONNECTIONS, seconds: WARMUP_S });
    for (let k = 0; k < FLOOR_SLICES; k++) {
      for (const [key, s] of k % 2 ? [['floor', floor], ['ours', ours]] : [['ours', ours], ['floor', floor]]) {
        slices[key].push(await httpLoad({ url: `${s.url}/invocations`, body: one, connections: CONNECTIONS, seconds: FLOOR_SLICE_S }));
      }
    }
    return slices;
  } finally {
    for (const s of [ours, floor]) if (s) s.child.kill('SIGTERM');
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sliceLine = (list) => `${count(median(list.map((r) => r.requestsPerSecond)))} req/s, p99 ${list.map((r) => ms(r.p99)).join(', ')}`;

function startPeer() {
  return async () => {
    const port = await freePort();
    const child = spawn(GUNICORN, ['-w', '2', '-b', `127.0.0.1:${port}`, '--chdir', 'tests/bench', '--log-level', 'warning', 'serve_peer:app'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/ping`, child);
    return { child, url };
  };
}

const ms = (x) => (x == null ? '—' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);

/**
 * RSS over the run: idle, after the warm-up, each second of the single-row phase, and at the end.
 * Flat means no growth over the single-row phase's second half (a leak grows with the requests
 * answered); the batch phase's 1,000-row bodies may need a larger heap than single rows.
 */
function memoryLine(r) {
  const s = r.single.rss;
  const half = s[Math.floor(s.length / 2)];
  const last = s.at(-1);
  const growth = half && last ? last / half - 1 : null;
  return `${r.rssIdle.toFixed(0)} MB idle, ${r.rssStart.toFixed(0)} MB after the warm-up, ${s.length ? `${s[0].toFixed(0)} → ${half.toFixed(0)} → ${last.toFixed(0)} MB over the single-row phase (start, middle, end)` : 'not sampled'}, `
    + `${r.rssEnd.toFixed(0)} MB after the batches; growth over the single-row phase's second half ${growth == null ? '—' : `${(growth * 100).toFixed(1)} %`} (flat: under 5 %: ${verdict(growth, { below: 0.05 })})`;
}

export async function run({ log, timeoutMs }) {
  const loadBefore = loadavg()[0];
  const rows = await requestRows();
  const dir = await ourBundle(timeoutMs);
  const ours = await measure('serve.mjs (Node, 1 process)', startOurs(dir), rows, log, true);
  const missing = pythonMissing(['flask', 'sklearn', 'pandas']) ?? (existsSync(GUNICORN) ? null : `${GUNICORN} not found`);
  const peer = missing ? null : await measure('Flask + scikit-learn, gunicorn -w 2', startPeer(), rows, log);
  const floor = await floorComparison(dir, rows, log);
  const us = (x) => (x == null ? '—' : `${count(Math.round(x))} µs`);
  const line = (r) => [r.label, count(r.single.requestsPerSecond), ms(r.single.p50), ms(r.single.p99), us(r.single.cpuPerRequestUs), count(r.single.errors),
    count(r.batch.rowsPerSecond), ms(r.batch.p50), ms(r.batch.p99), us(r.batch.cpuPerRequestUs == null ? null : r.batch.cpuPerRequestUs / BATCH_ROWS), count(r.batch.errors), `${r.rssIdle.toFixed(0)} / ${r.rssStart.toFixed(0)} → ${r.rssEnd.toFixed(0)} MB`];
  const speedup = peer ? ours.single.requestsPerSecond / peer.single.requestsPerSecond : null;
  printTable(`Serving (${SECONDS} s single-row at ${CONNECTIONS} connections; ${BATCH_ROWS.toLocaleString('en-US')}-row batches at ${BATCH_CONNECTIONS})`,
    ['server', 'single req/s', 'p50', 'p99', 'CPU/request', 'errors', 'batch rows/s', 'p50', 'p99', 'CPU/row', 'errors', 'RSS idle / warm → end'],
    [line(ours), ...(peer ? [line(peer)] : [[`Flask + scikit-learn: skipped (${missing})`]])],
    [
      `single-row throughput vs the peer: ${speedup ? times(speedup) : '—'} (target ≥ 5×: ${verdict(speedup, { atLeast: 5 })}); p99 ${ms(ours.single.p99)} (target ≤ 5 ms: ${verdict(ours.single.p99, { atMost: 5 })})`,
      `batch scoring: ${count(ours.batch.rowsPerSecond)} rows/s (target ≥ 200,000: ${verdict(ours.batch.rowsPerSecond, { atLeast: 200_000 })}); errors ${count(ours.single.errors + ours.batch.errors)} (target 0: ${verdict(ours.single.errors + ours.batch.errors, { atMost: 0 })})`,
      `queueing: with ${CONNECTIONS} requests always in flight, the mean latency is at least ${CONNECTIONS} / throughput = ${ms(CONNECTIONS / ours.single.requestsPerSecond * 1000)}, so p99 ≤ 5 ms needs over ${count(CONNECTIONS / 0.005)} requests/s; `
        + `at 1 connection (no queue) ${ours.label} answers in p50 ${ms(ours.alone.p50)}, p99 ${ms(ours.alone.p99)}${peer ? ` (the peer: p50 ${ms(peer.alone.p50)}, p99 ${ms(peer.alone.p99)})` : ''}.`,
      `memory: ${memoryLine(ours)}${peer ? `; the peer: ${memoryLine(peer)}` : ''}.`,
      `CPU/request and CPU/row: the server's own CPU time (all its processes) over what it answered; other work on the machine inflates it far less than throughput and latency.`,
      `${ours.label} at ${CONNECTIONS} connections: busy ${(ours.single.busy * 100).toFixed(0)} % of one core${ours.single.server ? `; by its own clock (/metrics) ${(ours.single.server.within5ms * 100).toFixed(1)} % of requests answered within 5 ms and 99 % within ${ms(ours.single.server.p99AtMostMs)} (from the parsed request to the answer written: the load generator's own queue is not in it)` : ''}.`,
      `load generator: httpLoad (modelbench loadtest's) in the bench process (exact latencies), on the same two cores as the server: ${(ours.single.generatorCores * 100).toFixed(0)} % of a core during the single-row phase.`
        + (ours.crossCheck ? ` The same phase through autocannon (${Math.ceil(SECONDS / 2)} s): ${count(ours.crossCheck.requestsPerSecond)} req/s, p50 ${ms(ours.crossCheck.p50)}, p99 ${ms(ours.crossCheck.p99)} (whole ms), autocannon itself ${(ours.crossCheck.generatorCores * 100).toFixed(0)} % of a core, leaving the server less of the other.` : ''),
      `the floor of a node:http server, in ${FLOOR_SLICES} slices of ${FLOOR_SLICE_S} s alternating with serve.mjs (serve_floor.mjs parses each JSON body and answers serve.mjs's answer as a fixed text, scoring nothing): `
        + `floor ${sliceLine(floor.floor)}; serve.mjs ${sliceLine(floor.ours)} (median req/s; p99 of each slice). Where the floor's p99 is above 5 ms too, the miss is this machine's, not serve.mjs's.`,
      `load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (other work on the machine lowers every figure).`,
    ]);
  return { ours, peer, peerSkipped: missing, speedup, floor, loadBefore, loadAfter: loadavg()[0], seconds: SECONDS };
}
