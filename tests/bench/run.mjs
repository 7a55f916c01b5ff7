// `npm run bench`: runs the bench sections in order and prints one table per benchmark. Figures never fail
// the run; the exit code is non-zero only when a section broke.
//
//   node tests/bench/run.mjs                 all sections
//   node tests/bench/run.mjs load profile    a subset
//   MB_BENCH_ROWS=300000 node tests/bench/run.mjs   a quick run on a smaller file
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { createContext } from './context.mjs';
import * as load from './load.bench.mjs';
import * as profile from './profile.bench.mjs';
import * as stream2gb from './stream-2gb.bench.mjs';
import * as train from './train.bench.mjs';
import * as trees from './trees.bench.mjs';
import * as explain from './explain.bench.mjs';
import * as storage from './storage.bench.mjs';
import * as latency from './latency.bench.mjs';
import * as score from './score.bench.mjs';
import * as memory from './memory.bench.mjs';
import * as serve from './serve.bench.mjs';
import * as sql from './sql.bench.mjs';
import * as text from './text.bench.mjs';
import * as images from './images.bench.mjs';

/** Sections in run order; a new bench is one more module here. */
export const SECTIONS = [load, profile, stream2gb, train, trees, explain, storage, latency, score, memory, serve, sql, text, images];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
if (unknown.length) {
  console.error(`Unknown bench section(s): ${unknown.join(', ')}. Choose from: ${SECTIONS.map((s) => s.name).join(', ')}.`);
  process.exit(2);
}
const chosen = wanted.length ? SECTIONS.filter((s) => wanted.includes(s.name)) : SECTIONS;

let ctx;
try {
  ctx = createContext();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
console.log(`Modelbench bench — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPU(s) `
  + `(${cpus()[0]?.model ?? 'unknown'}); sections: ${chosen.map((s) => s.name).join(', ')}`);

const results = { date: new Date().toISOString(), node: process.version, rows: ctx.rows,
  served: process.env.MB_BENCH_DIST || 'dist', sections: {} };
const broken = [];
for (const section of chosen) {
  console.log(`\n▶ ${section.name}: ${section.title}`);
  const started = performance.now();
  try {
    results.sections[section.name] = await section.run(ctx);
  } catch (error) {
    broken.push(section.name);
    results.sections[section.name] = { error: String(error.message ?? error) };
    console.error(`\n✗ ${section.name} broke: ${error.stack ?? error}`);
  }
  console.log(`  (${section.name} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

await mkdir('.bench-data/results', { recursive: true });
const out = `.bench-data/results/bench-${results.date.replaceAll(':', '-')}.json`;
await writeFile(out, JSON.stringify(results, null, 2));
console.log(`\nFigures saved to ${out}.`);
if (broken.length) {
  console.error(`Broken section(s): ${broken.join(', ')} (see above). Timings never fail the bench; these errors do.`);
  process.exit(1);
}
