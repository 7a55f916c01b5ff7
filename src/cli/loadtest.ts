/**
 * `modelbench loadtest <URL> --rows FILE [--connections 16] [--seconds 10] [--batch 1]
 *  [--registry DIR --version NAME@V]`
 *
 * Measures a running scoring endpoint (`modelbench serve`, a bundle's `node serve.mjs`, MLflow's
 * scoring server or any server of its `/invocations` protocol) with the rows of a data file: a
 * closed loop of keep-alive connections, each sending the next rows as `dataframe_split` as soon as
 * its previous answer is in. Prints one JSON line: requests and rows per second, exact p50/p90/p99
 * latency, errors. With --registry and --version the result is kept on that version as tags
 * (`loadtest.*`, in the audit log), beside the latency the studio's gate measures. Exit 0 when every
 * request was answered 2xx, 1 when some were not, 2 for unusable input.
 */
import { requestRow } from '../core/serve';
import type { Column, Table } from '../core/table';
import { readFlags } from './flags';
import { httpLoad, type LoadResult } from './httpLoad';
import { readTableFile } from './readTableFile';
import { resolveRegistryVersion, updateModel } from './registryStore';

export const USAGE = `Usage: modelbench loadtest <URL> --rows FILE [--connections 16] [--seconds 10] [--batch 1] [--registry DIR --version NAME@V]
  URL: the endpoint, e.g. http://127.0.0.1:8080 (POST /invocations when no path is given).
  FILE: rows to send (CSV, JSON, Parquet, Arrow), taken in turn; columns the endpoint's /metadata does not list are left out.`;

/** Rows taken from the file: enough variety for caches and branches, bounded request memory. */
const MAX_ROWS = 1_000;

interface LoadtestArgs {
  url: string;
  rows: string;
  connections: number;
  seconds: number;
  batch: number;
  registry?: string;
  version?: string;
}

function wholeNumber(text: string | undefined, flag: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`--${flag} ${text} must be a whole number from 1 to ${max.toLocaleString('en-US')}. ${USAGE}`);
  return n;
}

function parseLoadtestArgs(argv: string[]): LoadtestArgs {
  const { flags, positional } = readFlags(argv, ['rows', 'connections', 'seconds', 'batch', 'registry', 'version'], USAGE);
  if (positional.length !== 1) throw new RangeError(`${positional.length ? `Expected one URL, got ${positional.join(', ')}.` : 'Name the endpoint, e.g. http://127.0.0.1:8080.'} ${USAGE}`);
  let url: URL;
  try {
    url = new URL(positional[0]);
  } catch {
    throw new RangeError(`"${positional[0]}" is not a URL; write it in full, e.g. http://127.0.0.1:8080. ${USAGE}`);
  }
  if (url.protocol !== 'http:') throw new RangeError(`${positional[0]}: loadtest speaks plain HTTP (http://…). Measure the endpoint on its plain port, inside the network that terminates TLS.`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/invocations';
  if (!flags.rows) throw new RangeError(`--rows is required: a data file whose rows the endpoint scores. ${USAGE}`);
  if ((flags.registry === undefined) !== (flags.version === undefined)) throw new RangeError(`--registry and --version go together: the registry folder and the version the endpoint serves, e.g. --registry models --version churn@3. ${USAGE}`);
  return {
    url: url.href,
    rows: flags.rows,
    connections: wholeNumber(flags.connections, 'connections', 16, 1_024),
    seconds: wholeNumber(flags.seconds, 'seconds', 10, 3_600),
    batch: wholeNumber(flags.batch, 'batch', 1, 100_000),
    ...(flags.registry !== undefined ? { registry: flags.registry, version: flags.version } : {}),
  };
}

/** The endpoint's input columns from its /metadata (modelbench serve lists them), or null when it has none. */
async function endpointColumns(url: URL): Promise<string[] | null> {
  try {
    const res = await fetch(new URL('/metadata', url), { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) return null;
    const inputs = ((await res.json()) as { inputs?: unknown }).inputs;
    if (!Array.isArray(inputs)) return null;
    return inputs.map((c) => (typeof c === 'string' ? c : (c as { name?: unknown }).name)).filter((c): c is string => typeof c === 'string');
  } catch {
    return null;
  }
}

/** The request bodies: the file's first rows, `batch` to a request, in `dataframe_split` form (cells as the Serve panel's curl row writes them). */
function requestBodies(table: Table, columns: Column[], batch: number): string[] {
  const names = columns.map((c) => c.name);
  const inputs = columns.map((c) => ({ name: c.name, type: c.type }));
  const rows = Math.min(table.rowCount, Math.max(MAX_ROWS, batch));
  const bodies: string[] = [];
  for (let start = 0; start < rows; start += batch) {
    const data: unknown[][] = [];
    for (let k = 0; k < batch; k++) data.push(Object.values(requestRow(table, inputs, (start + k) % table.rowCount)!));
    bodies.push(JSON.stringify({ dataframe_split: { columns: names, data } }));
  }
  return bodies;
}

const ms = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

export async function loadtestCommand(argv: string[]): Promise<number> {
  let args: LoadtestArgs;
  try {
    args = parseLoadtestArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const url = new URL(args.url);
  // The version is checked before the load, so a typo costs no measurement.
  if (args.registry && args.version) await resolveRegistryVersion(args.registry, args.version);
  const { table } = await readTableFile(args.rows);
  if (table.rowCount === 0) {
    console.error(`${args.rows} has no rows to send.`);
    return 2;
  }
  const wanted = await endpointColumns(url);
  let columns = table.columns;
  if (wanted) {
    const missing = wanted.filter((name) => !table.columns.some((c) => c.name === name));
    if (missing.length) {
      console.error(`${args.rows} lacks ${missing.length === 1 ? 'the column' : 'columns'} ${missing.map((m) => `"${m}"`).join(', ')} that ${url.origin}/metadata lists as inputs; send a file with every input column.`);
      return 2;
    }
    columns = wanted.map((name) => table.columns.find((c) => c.name === name)!);
  }
  const bodies = requestBodies(table, columns, args.batch);
  // One request first: a refused connection or a rejected row is said once, not counted thousands of times.
  let first: Response;
  try {
    first = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[0], signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    console.error(`No answer from ${url.href}${cause ? ` (${cause})` : ''}. Start the endpoint first (e.g. modelbench serve bundle.zip --port ${url.port || 80}) and check the URL.`);
    return 2;
  }
  if (!first.ok) {
    const text = (await first.text()).slice(0, 500);
    console.error(`${url.href} answered the first request with ${first.status}: ${text}\nFix the rows (or the URL) until one request succeeds; nothing was measured.`);
    return 2;
  }
  await first.arrayBuffer().catch(() => undefined);
  const r: LoadResult = await httpLoad({ url: url.href, body: bodies, connections: args.connections, seconds: args.seconds });
  const result = {
    url: url.href,
    connections: args.connections,
    batch: args.batch,
    seconds: Math.round(r.seconds * 100) / 100,
    requests: r.requests,
    requestsPerSecond: Math.round(r.requestsPerSecond),
    rowsPerSecond: Math.round(r.requestsPerSecond * args.batch),
    p50Ms: ms(r.p50),
    p90Ms: ms(r.p90),
    p99Ms: ms(r.p99),
    maxMs: ms(r.max),
    errors: r.errors,
    statuses: r.statuses,
    generatorCores: Math.round(r.generatorCores * 100) / 100,
    at: new Date().toISOString(),
  };
  if (args.registry && args.version) {
    const tags: Record<string, string> = {
      'loadtest.requests-per-second': String(result.requestsPerSecond),
      'loadtest.rows-per-second': String(result.rowsPerSecond),
      'loadtest.p50-ms': String(result.p50Ms),
      'loadtest.p99-ms': String(result.p99Ms),
      'loadtest.errors': String(result.errors),
      'loadtest.connections': String(result.connections),
      'loadtest.batch': String(result.batch),
      'loadtest.at': result.at,
    };
    const { model, version } = await updateModel(args.registry, args.version, (m, v) => {
      m.tags[v] = { ...m.tags[v], ...tags };
      return { action: 'tag', detail: { tags } };
    });
    console.log(JSON.stringify({ ...result, registry: { model: model.name, version } }));
  } else console.log(JSON.stringify(result));
  return r.errors === 0 ? 0 : 1;
}
