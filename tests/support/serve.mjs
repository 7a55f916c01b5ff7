#!/usr/bin/env node
/**
 * A small static server for the built studio (`dist/`), bound to 127.0.0.1. It sends the CSP as a
 * header (so workers get it too) and the cross-origin-isolation headers that let TF.js's WASM
 * backend use threads. `npm start` runs it; tests and benchmarks import `startServer`.
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { securityHeaders } from '../../src/pwa/securityHeaders.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.py': 'text/plain; charset=utf-8',
};

/** `root` defaults to `dist`, or to MB_DIST when set (a private build, so parallel builds do not collide). */
export async function startServer({ root = process.env.MB_DIST || 'dist', port = 0, host = '127.0.0.1' } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (path !== base && !path.startsWith(base + sep)) {
        res.writeHead(403).end('Forbidden');
        return;
      }
      let info = await stat(path).catch(() => null);
      if (info?.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path).catch(() => null);
      }
      if (!info) {
        res.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders() }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': path.endsWith('index.html') || path.endsWith('sw.js') ? 'no-cache' : 'public, max-age=3600',
        ...securityHeaders(url.pathname),
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(path).pipe(res);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const address = server.address();
  return {
    url: `http://${host}:${address.port}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const portArg = process.argv.indexOf('--port');
  const given = portArg > 0 ? process.argv[portArg + 1] : process.env.PORT;
  const port = given === undefined || given === '' ? 5180 : Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`The port "${given ?? ''}" is not a port number; pass a whole number from 1 to 65535, e.g. npm start -- --port 8080 or PORT=8080 npm start.`);
    process.exit(2);
  }
  startServer({ port })
    .then(({ url }) => console.log(`Modelbench is running at ${url}  (Ctrl+C to stop)`))
    .catch((error) => {
      console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use; run with --port N or PORT=N.` : error);
      process.exit(1);
    });
}
