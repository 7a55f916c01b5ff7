import type { Routes } from './serveRoutes';
import type { ServeMetrics } from './serveMetrics';
import type { HttpModule, HttpRequest, HttpResponse, Reply, ServeOptions } from './types';

export interface Transport {
  /** Starts listening; resolves with the bound port (useful with --port 0). */
  listen(): Promise<{ port: number; host: string }>;
  /** Stops accepting, lets in-flight requests finish, closes idle keep-alive connections. */
  close(): Promise<void>;
}

/**
 * The HTTP plumbing around the routes: request ids, body size limit and header/body timeouts (each
 * answered with a JSON error, never a stack trace or a path), one JSON access-log line per request,
 * in-flight tracking and graceful close. `http` is node:http, passed in; shipped in serve.mjs with
 * `Function.prototype.toString()`, so it reads only its arguments and built-ins.
 */
export function httpTransport(http: HttpModule, routes: Routes, metrics: ServeMetrics, options: ServeOptions, log: (line: string) => void, logError: (line: string) => void): Transport {
  const prefix = Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0');
  let counter = 0;
  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | null = null;
  const errorBody = (code: string, message: string) => JSON.stringify({ error_code: code, message });
  const decoder = new TextDecoder();
  // Node's own count of a body's UTF-8 bytes (the transport runs only in Node, beside node:http):
  // a loop in JavaScript took 175 µs on a 98,000-character answer of 1,000 rows, Buffer 15 µs.
  const byteLength = (globalThis as unknown as { Buffer: { byteLength(text: string): number } }).Buffer.byteLength;

  function access(entry: Record<string, unknown>): void {
    log(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');
  }
  // Bodies still arriving, with their deadlines: one sweep finds the late ones, which costs less
  // than a timer set and cleared per request.
  const waiting = new Set<{ deadline: number; expire: () => void }>();
  const tick = Math.max(10, Math.min(1000, Math.floor(options.bodyTimeoutMs / 8)));
  const sweeper = setInterval(() => {
    const now = performance.now();
    for (const w of waiting) if (w.deadline <= now) w.expire();
  }, tick) as unknown as { unref?: () => void };
  if (sweeper.unref) sweeper.unref();
  /**
   * A request for the routes, its body as text and as bytes each made once and only if a route reads
   * it: a large body of numbers is read from its bytes and never becomes a string. A class, so each
   * request is a plain fast object (an object literal with getters costs microseconds to build).
   */
  class Incoming {
    private text: string | null = null;
    private whole: Uint8Array | null = null;
    constructor(
      readonly method: string,
      readonly path: string,
      readonly headers: HttpRequest['headers'],
      private readonly chunks: Uint8Array[],
      private readonly size: number,
    ) {}
    get body(): string {
      const chunks = this.chunks;
      if (this.text === null) {
        let text = '';
        if (chunks.length === 1) text = decoder.decode(chunks[0]);
        else if (chunks.length > 1) {
          // Chunk by chunk into one string: much faster than decoding one large copy, for large bodies.
          const own = new TextDecoder();
          for (const c of chunks) text += own.decode(c, { stream: true });
          text += own.decode();
        }
        this.text = text;
      }
      return this.text;
    }
    get bytes(): Uint8Array {
      const chunks = this.chunks;
      if (this.whole === null) {
        const whole = chunks.length === 1 ? chunks[0] : new Uint8Array(this.size);
        if (chunks.length > 1) for (let c = 0, at = 0; c < chunks.length; at += chunks[c++].length) whole.set(chunks[c], at);
        this.whole = whole;
      }
      return this.whole;
    }
  }
  function write(res: HttpResponse, id: string, reply: Reply): void {
    if (res.headersSent || res.writableEnded) return;
    // One writeHead with a flat list: without a header set before, Node writes the list as it stands
    // instead of keeping each header in its table: about 1 µs of a 35 µs request (interleaved load
    // runs of the bundle before and after, the machine in its fast state throughout).
    // The length is in the list: written before the body, the headers would otherwise say chunked.
    const headers = ['Content-Type', reply.contentType || 'application/json', 'Content-Length', String(byteLength(reply.body)), 'X-Request-Id', id];
    if (closing) headers.push('Connection', 'close');
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  }

  function onRequest(req: HttpRequest, res: HttpResponse): void {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : prefix + '-' + (++counter).toString(36);
    const method = req.method || 'GET';
    const path = (req.url || '/').split('?')[0];
    const route = routes.routeOf(path);
    let bytes = 0;
    let done = false;
    let reply: Reply | null = null;
    inFlight++;
    metrics.inFlight(1);
    const late = {
      deadline: started + options.bodyTimeoutMs,
      expire() {
        finish({ status: 408, body: errorBody('REQUEST_TIMEOUT', 'The request body did not arrive within ' + options.bodyTimeoutMs + ' ms; send it faster or raise --body-timeout.') });
        req.destroy();
      },
    };
    waiting.add(late);
    const finish = (r: Reply) => {
      if (done) return;
      done = true;
      waiting.delete(late);
      reply = r;
      write(res, id, r);
    };
    res.on('close', () => {
      waiting.delete(late);
      inFlight--;
      metrics.inFlight(-1);
      const status = reply ? reply.status : 499;
      const seconds = (performance.now() - started) / 1000;
      metrics.request(route, status, seconds);
      if (!options.quiet) access({ id, method, path: path.slice(0, 200), status, ms: Math.round(seconds * 1e5) / 100, bytes, ...(reply && reply.rows !== undefined ? { rows: reply.rows } : {}), ...(reply && reply.variant ? { variant: reply.variant } : {}) });
      if (closing && inFlight === 0 && drained) {
        const step = drained;
        drained = null;
        step();
      }
    });
    const chunks: Uint8Array[] = [];
    req.on('data', (chunk) => {
      bytes += chunk.length;
      if (done) return;
      if (bytes > options.maxBodyBytes) {
        metrics.violation();
        res.setHeader('Connection', 'close');
        finish({ status: 413, body: errorBody('REQUEST_TOO_LARGE', 'The body is over ' + options.maxBodyBytes + ' bytes; split the rows into smaller requests or raise --max-body.') });
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => finish({ status: 400, body: errorBody('MALFORMED_REQUEST', 'The request was cut off before its body ended.') }));
    req.on('end', () => {
      waiting.delete(late);
      if (done) return;
      const request = new Incoming(method, path, req.headers, chunks, bytes);
      routes.handle(request).then(finish, (error: unknown) => {
        // The client learns only the request id; the details stay in the server's log.
        logError(JSON.stringify({ time: new Date().toISOString(), id, error: error instanceof Error ? error.stack || error.message : String(error) }) + '\n');
        finish({ status: 500, body: errorBody('INTERNAL_ERROR', 'The server failed to answer this request (request id ' + id + '); the details are in its log.') });
      });
    });
  }

  const server = http.createServer(
    {
      headersTimeout: options.headerTimeoutMs,
      requestTimeout: options.headerTimeoutMs + options.bodyTimeoutMs + 1000,
      keepAliveTimeout: 5000,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(options.headerTimeoutMs / 4))),
    },
    onRequest,
  );
  // Malformed HTTP and slow headers never reach a handler: answer them here, as JSON.
  server.on('clientError', (error, socket) => {
    const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const status = timeout ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = timeout
      ? errorBody('REQUEST_TIMEOUT', 'The request headers did not arrive within ' + options.headerTimeoutMs + ' ms.')
      : errorBody('MALFORMED_REQUEST', status === 431 ? 'The request headers are too large.' : 'The request is not valid HTTP/1.1.');
    metrics.request('other', status, 0);
    if (!options.quiet) access({ id: prefix + '-' + (++counter).toString(36), status, error: error.code || 'client error' });
    if (socket.writable) {
      const reason = status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
      socket.end('HTTP/1.1 ' + status + ' ' + reason + '\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ' + new TextEncoder().encode(body).length + '\r\n\r\n' + body);
    } else socket.destroy();
  });

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.on('error', reject);
        server.listen(options.port, options.host, () => {
          const a = server.address();
          resolve({ port: a !== null && typeof a === 'object' ? a.port : options.port, host: options.host });
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        let pending = 2;
        const step = () => {
          if (--pending > 0) return;
          clearInterval(sweeper as unknown as number);
          resolve();
        };
        server.close(() => step());
        server.closeIdleConnections();
        if (inFlight === 0) step();
        else drained = step;
      }),
  };
}
