/** The load generator of `modelbench loadtest` and the serve bench, against small real servers. */
import { createServer, type Server } from 'node:http';
import { afterEach, expect, test } from 'vitest';
import { httpLoad } from '../../../src/cli/httpLoad';

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as { port: number }).port}/invocations`)));
}

test('reads chunked answers, counts statuses, and sends the bodies in turn', async () => {
  const seen: string[] = [];
  const url = await listen((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(body);
      res.writeHead(body === 'b' ? 422 : 200, { 'content-type': 'application/json' });
      // No Content-Length: Node sends the answer in chunks.
      res.write('{"predictions":');
      res.end('[1]}');
    });
  });
  const r = await httpLoad({ url, body: ['a', 'b', 'c'], connections: 2, seconds: 0.5 });
  expect(r.requests).toBeGreaterThan(3);
  expect(r.requests).toBe(seen.length);
  expect(seen.slice(0, 3).sort()).toEqual(['a', 'b', 'c']);
  expect(r.statuses['422']).toBe(seen.filter((b) => b === 'b').length);
  expect(r.errors).toBe(r.statuses['422']);
  expect(r.p50).not.toBeNull();
});

test('connects again to a server that closes each connection after its answer, with no error', async () => {
  let connections = 0;
  const url = await listen((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 2, connection: 'close' });
      res.end('{}');
    });
  });
  server!.on('connection', () => connections++);
  const r = await httpLoad({ url, body: '{}', connections: 2, seconds: 0.3 });
  expect(r.errors).toBe(0);
  expect(r.requests).toBeGreaterThan(2);
  expect(connections).toBeGreaterThanOrEqual(r.requests);
});

test('refuses https at once', () => {
  expect(() => httpLoad({ url: 'https://127.0.0.1:1/invocations', body: '{}', connections: 1, seconds: 1 })).toThrow('plain HTTP');
});
