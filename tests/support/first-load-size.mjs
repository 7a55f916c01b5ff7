#!/usr/bin/env node
/**
 * Measures a build (`dist/`, MB_DIST, or the folder given): the first-load JavaScript (the entry
 * chunk index.html loads and every chunk it imports statically, i.e. before first paint; dynamic
 * imports and workers excluded), gzipped, and how many files carry a copy of TF.js.
 * `node tests/support/first-load-size.mjs [dist]`; `--json` prints the figures as JSON.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** A string only TF.js core contains (its flag registry's error), so each copy is counted once. */
const TFJS_MARK = 'Cannot evaluate flag';
/** A string only arquero's expression parser contains (it belongs in workers too). */
const ARQUERO_MARK = 'Invalid member expression';

export function measureBuild(root) {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\.?\/?([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\.?\/?([^"]+)"/g)].map((m) => m[1]);
  const seen = new Set();
  const queue = [...entries, ...preloads];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(root, file), 'utf8');
    // Static imports only: `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`.
    for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(posix.normalize(posix.join(posix.dirname(file), m[1])));
    }
  }
  const files = [...seen].map((file) => {
    const bytes = readFileSync(join(root, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const assets = readdirSync(join(root, 'assets')).filter((f) => f.endsWith('.js'));
  const tfjsCopies = assets.filter((f) => readFileSync(join(root, 'assets', f), 'utf8').includes(TFJS_MARK));
  return {
    firstLoad: files,
    firstLoadGzip: files.reduce((sum, f) => sum + f.gzip, 0),
    firstLoadHasTfjs: files.some((f) => readFileSync(join(root, f.file), 'utf8').includes(TFJS_MARK)),
    firstLoadHasArquero: files.some((f) => readFileSync(join(root, f.file), 'utf8').includes(ARQUERO_MARK)),
    tfjsCopies,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? process.env.MB_DIST ?? 'dist';
  const result = measureBuild(root);
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    for (const f of result.firstLoad) console.log(`${f.file}: ${kb(f.bytes)}, ${kb(f.gzip)} gzipped`);
    console.log(`First-load JavaScript: ${kb(result.firstLoadGzip)} gzipped (${result.firstLoad.length} file(s)); TF.js in first load: ${result.firstLoadHasTfjs ? 'yes' : 'no'}; arquero: ${result.firstLoadHasArquero ? 'yes' : 'no'}`);
    console.log(`TF.js copies in ${root}: ${result.tfjsCopies.length} (${result.tfjsCopies.join(', ')})`);
  }
}
