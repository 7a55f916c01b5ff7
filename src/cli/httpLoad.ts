/**
 * A closed-loop HTTP/1.1 load generator: `connections` keep-alive sockets, each sending the next
 * request body (bodies are taken in turn) as soon as the previous answer has fully arrived, for
 * `seconds`. `modelbench loadtest` and the serve bench use it. Why not autocannon: on a two-core
 * machine autocannon (one thread) takes most of a core at these rates, so the server under test gets
 * less than the other one and every latency includes the generator's own queue. This loop writes
 * pre-encoded buffers and reads only the status line, the length of the answer (Content-Length or
 * chunks) and Connection: in one bench run, 19 µs of CPU per request against autocannon's 42 µs
 * (process.cpuUsage over each phase). It records every latency, so percentiles are exact.
 */
import net from 'node:net';

export interface LoadOptions {
  /** http://host:port/path (plain HTTP). */
  url: string;
  /** One body, or several sent in turn. */
  body: string | Uint8Array | readonly (string | Uint8Array)[];
  contentType?: string;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  /** Exact latency percentiles in ms (null when nothing was answered). */
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
  /** Answers that are not 2xx, connections lost before their answer, answers never received. */
  errors: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** The generator's own CPU, in cores. */
  generatorCores: number;
  seconds: number;
}

/** How long after the end a request may still take before its connection is closed and counted as an error. */
const GRACE_MS = 5_000;

/** The end of a chunked body that starts at `from`: its index past the last CRLF, or -1 while incomplete. */
function chunkedEnd(buf: Buffer, from: number): number {
  let at = from;
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) return -1;
    const size = Number.parseInt(buf.toString('latin1', at, eol), 16);
    if (!(size >= 0)) throw new RangeError('The server sent a malformed chunked answer.');
    if (size === 0) {
      const end = buf.indexOf('\r\n\r\n', eol);
      return end < 0 ? -1 : end + 4;
    }
    at = eol + 2 + size + 2;
    if (at > buf.length) return -1;
  }
}

/** The byte length of the first whole answer in `buf`, with its head; -1 while it is incomplete. */
function answerLength(buf: Buffer): { total: number; head: string } | null {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const head = buf.toString('latin1', 0, headEnd);
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    const end = chunkedEnd(buf, headEnd + 4);
    return end < 0 ? null : { total: end, head };
  }
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
  const total = headEnd + 4 + length;
  return buf.length < total ? null : { total, head };
}

export function httpLoad({ url, body, contentType = 'application/json', connections, seconds }: LoadOptions): Promise<LoadResult> {
  const { protocol, hostname, port, pathname, search } = new URL(url);
  if (protocol !== 'http:') throw new RangeError(`${url}: the load generator speaks plain HTTP (http://…), not ${protocol.replace(':', '')}.`);
  const host = hostname.replace(/^\[|\]$/g, '');
  const requests = (Array.isArray(body) ? body : [body]).map((b) => {
    const payload = Buffer.from(b as string | Uint8Array);
    return Buffer.concat([
      Buffer.from(`POST ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port || 80}\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`),
      payload,
    ]);
  });
  let next = 0;
  let latencies = new Float64Array(1 << 20);
  let n = 0;
  let errors = 0;
  const statuses: Record<string, number> = {};
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  const sockets = new Set<net.Socket>();
  const record = (ms: number) => {
    if (n === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[n++] = ms;
  };
  return new Promise((resolve) => {
    let open = connections;
    // A server that stops answering must not hold the run past its end: late connections are closed.
    const cutoff = setTimeout(() => sockets.forEach((s) => s.destroy()), seconds * 1000 + GRACE_MS);
    const finished = () => {
      clearTimeout(cutoff);
      const wall = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const sorted = latencies.subarray(0, n).slice().sort();
      const at = (p: number) => (n ? sorted[Math.min(n - 1, Math.floor(p * n))] : null);
      resolve({ requests: n, requestsPerSecond: n / wall, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: n ? sorted[n - 1] : null, errors, statuses,
        generatorCores: (cpu.user + cpu.system) / 1e6 / wall, seconds: wall });
    };
    // One slot per connection: a server that closes the connection after an answer (gunicorn's sync
    // workers do, with `Connection: close`) is connected to again, as autocannon does; a connection
    // lost before its answer ended (or never made) counts as an error and is opened again.
    const slot = () => {
      const socket = net.connect({ host, port: Number(port || 80), noDelay: true });
      sockets.add(socket);
      let sentAt = 0;
      let waiting = false;
      let pending: Buffer | null = null;
      let connected = false;
      const send = () => {
        sentAt = performance.now();
        waiting = true;
        socket.write(requests[next]);
        next = (next + 1) % requests.length;
      };
      socket.on('connect', () => {
        connected = true;
        send();
      });
      socket.on('data', (chunk: Buffer) => {
        pending = pending ? Buffer.concat([pending, chunk]) : chunk;
        for (;;) {
          let answer: ReturnType<typeof answerLength>;
          try {
            answer = answerLength(pending);
          } catch {
            socket.destroy();
            return;
          }
          if (answer === null) return;
          const now = performance.now();
          const status = answer.head.slice(9, 12);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (!(Number(status) >= 200 && Number(status) < 300)) errors++;
          record(now - sentAt);
          waiting = false;
          pending = pending.length === answer.total ? null : pending.subarray(answer.total);
          if (now >= stopAt || /\r\nconnection: *close/i.test(answer.head)) {
            socket.end();
            return;
          }
          send();
          if (pending === null) return;
        }
      });
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        if (waiting || !connected) errors++;
        // A refused connection (the server is down or restarting) is tried again after a pause, not
        // at once: at once, the generator spins a core on refusals and counts thousands of errors.
        if (performance.now() < stopAt) {
          if (connected) slot();
          else setTimeout(slot, Math.min(10, Math.max(0, stopAt - performance.now())));
        } else if (--open === 0) finished();
      });
    };
    for (let c = 0; c < connections; c++) slot();
  });
}
