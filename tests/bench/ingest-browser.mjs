// Loads a CSV through the real worker path (IngestBridge -> ingest worker -> nested parse worker)
// in headless Chromium served by Vite dev, and times it against arquero.fromCSV in the same page.
// Usage: node tests/bench/ingest-browser.mjs [file.csv]   (default: /tmp/flights-3000000.csv from parse-node.mjs)
// BUILT=1 bundles the page with `vite build` first and serves the bundle (the production worker path).
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer, preview } from 'vite';
import { launchChromium } from '../support/browser.mjs';

const file = process.argv[2] ?? '/tmp/flights-3000000.csv';
const mb = statSync(file).size / 1e6;
const common = { configFile: false, root: process.cwd(), logLevel: 'error', base: './', worker: { format: 'es' } };
let server;
if (process.env.BUILT === '1') {
  const outDir = join(tmpdir(), 'modelbench-ingest-bench');
  await build({ ...common, build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: 'tests/bench/ingest-page.html' } } });
  server = await preview({ ...common, build: { outDir }, preview: { port: 5199, host: '127.0.0.1' } });
} else {
  server = await createServer({ ...common, server: { port: 5199, host: '127.0.0.1' } });
  await server.listen();
}
const browser = await launchChromium({ webgpu: false });
try {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log('page error:', m.text()));
  page.on('pageerror', (e) => console.log('page exception:', e.message));
  await page.goto('http://127.0.0.1:5199/tests/bench/ingest-page.html');
  await page.waitForFunction(() => window.ready === true);
  await page.setInputFiles('#file', file);
  const io = await page.evaluate(() => window.ingest.readOnly());
  console.log(`reading the file in 8 MB slices alone (main thread): ${io.toFixed(0)} ms`);
  for (let i = 0; i < 3; i++) {
    const r = await page.evaluate(() => window.ingest.load());
    console.log(`IngestBridge.load run ${i + 1}: ${r.rows} rows, ${mb.toFixed(1)} MB in ${r.ms.toFixed(0)} ms = ${(mb / (r.ms / 1000)).toFixed(0)} MB/s; progress calls ${r.progressCalls}; page JS heap ${r.heap ? (r.heap / 1e6).toFixed(0) + ' MB' : 'n/a'}; types ${r.types}`);
  }
  console.log('abort then load:', JSON.stringify(await page.evaluate(() => window.ingest.abortThenLoad())));
  console.log('retype:', JSON.stringify(await page.evaluate(() => window.ingest.retype())));
  console.log('binary file:', JSON.stringify(await page.evaluate(() => window.ingest.badFile())));
  if (process.env.PEER !== '0') {
    const a = await page.evaluate(() => window.ingest.arquero());
    console.log(`arquero fromCSV (incl. file.text()): ${a.rows} rows in ${a.ms.toFixed(0)} ms = ${(mb / (a.ms / 1000)).toFixed(0)} MB/s`);
  }
} finally {
  await browser.close();
  await (server.close?.() ?? server.httpServer?.close());
}
