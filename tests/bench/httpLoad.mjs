// A closed-loop HTTP/1.1 load generator for the serve bench: `connections` keep-alive sockets, each
// sending the same POST again as soon as the previous answer has fully arrived, for `seconds`.
// Why not autocannon alone: on this two-core machine autocannon (one thread) takes most of a core
// at these rates, so the server under test gets less than the other one and every latency includes
// the generator's own queue. This loop writes one pre-encoded buffer per request and reads only the
// status line, Content-Length and Connection: in one bench run, 19 µs of CPU per request against
// autocannon's 42 µs (process.cpuUsage over each phase). It records every latency, so percentiles
// are exact, not read off a histogram.
import net from 'node:net';

/**
 * Loads `url` (http://host:port/path) and resolves with requests, requests/s, exact p50/p90/p99/max
 * latencies in ms, errors (socket errors, answers that are not 2xx, connections that closed early),
 * and the generator's own CPU in cores.
 */
export function httpLoad({ url, body, contentType = 'application/json', connections, seconds }) {
  const { hostname, port, pathname } = new URL(url);
  const payload = Buffer.from(body);
  const request = Buffer.concat([
    Buffer.from(`POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`),
    payload,
  ]);
  let latencies = new Float64Array(1 << 20);
  let n = 0;
  let errors = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  const record = (ms) => {
    if (n === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[n++] = ms;
  };
  return new Promise((resolve) => {
    let open = connections;
    const finished = () => {
      const wall = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const sorted = latencies.subarray(0, n).slice().sort();
      const at = (p) => (n ? sorted[Math.min(n - 1, Math.floor(p * n))] : null);
      resolve({ requests: n, requestsPerSecond: n / wall, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: n ? sorted[n - 1] : null, errors,
        generatorCores: (cpu.user + cpu.system) / 1e6 / wall, seconds: wall });
    };
    // One slot per connection: a server that closes the connection after an answer (gunicorn's sync
    // workers do, with `Connection: close`) is connected to again, as autocannon does; a connection
    // lost before its answer ended (or never made) counts as an error and is opened again.
    const slot = () => {
      const socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
      let sentAt = 0;
      let waiting = false;
      let pending = null;
      let connected = false;
      const send = () => {
        sentAt = performance.now();
        waiting = true;
        socket.write(request);
      };
      socket.on('connect', () => {
        connected = true;
        send();
      });
      socket.on('data', (chunk) => {
        pending = pending ? Buffer.concat([pending, chunk]) : chunk;
        for (;;) {
          const headEnd = pending.indexOf('\r\n\r\n');
          if (headEnd < 0) return;
          const head = pending.toString('latin1', 0, headEnd);
          const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
          const total = headEnd + 4 + length;
          if (pending.length < total) return;
          const now = performance.now();
          const status = Number(head.slice(9, 12));
          if (!(status >= 200 && status < 300)) errors++;
          record(now - sentAt);
          waiting = false;
          pending = pending.length === total ? null : pending.subarray(total);
          if (now >= stopAt || /\r\nconnection: *close/i.test(head)) {
            socket.end();
            return;
          }
          send();
          if (pending === null) return;
        }
      });
      socket.on('error', () => {});
      socket.on('close', () => {
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
