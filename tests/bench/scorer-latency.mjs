// Times a bundle's scorer.mjs on single rows in a process of its own, as a user's service would run it:
// `node tests/bench/scorer-latency.mjs SCORER_DIR TEST.csv TARGET` prints one JSON line (measureLatency's report).
// Why a child process: timed inside the bench process after the other trees phases, the same scorer on the
// same rows took a p50 of 7.4 µs and a p99 of 27-37 µs; the same calls alone took 4.4 and 6.6 µs. The harness's
// own state (its heap, its compiled code, the phases before) is not what a deployed scorer runs beside.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const [dir, testCsv, target] = process.argv.slice(2);
const m = {
  ...(await tsImport('../../src/core/table/index.ts', import.meta.url)),
  ...(await tsImport('../../src/core/deploy/index.ts', import.meta.url)),
  ...(await tsImport('../../src/cli/nodeSource.ts', import.meta.url)),
};
const scorer = await import(pathToFileURL(join(dir, 'scorer.mjs')).href);
const { table } = await m.readTable(await m.nodeFileSource(testCsv));
// Rows as a caller would send them (numbers, strings, null), without the target.
const rows = Array.from({ length: table.rowCount }, (_, r) => Object.fromEntries(table.columns.filter((c) => c.name !== target)
  .map((c) => [c.name, 'values' in c ? (Number.isNaN(c.values[r]) ? null : c.values[r]) : c.codes[r] < 0 ? null : c.dictionary[c.codes[r]]])));
const first = scorer.predictOne(rows[0]);
if ('error' in first) throw new Error(`scorer.mjs refused test row 0: ${first.error}`);
const batch = Array.from({ length: 1000 }, (_, i) => rows[i % rows.length]);
const latency = await m.measureLatency((i) => scorer.predictOne(rows[i % rows.length]), () => scorer.predict(batch),
  { path: 'scorer.mjs', calls: 20_000, warmup: 2000, batches: 20 });
process.stdout.write(`${JSON.stringify(latency)}\n`);
