// Single-threaded CSV load throughput in Node, with arquero.fromCSV as the peer.
// Usage: node --import tsx tests/bench/parse-node.mjs [file.csv] [rows]
import { existsSync, writeFileSync, statSync, readFileSync } from 'node:fs';
import { fromCSV } from 'arquero';
import { readTable } from '../../src/core/table/index.ts';
import { nodeFileSource } from '../../src/cli/nodeSource.ts';
import { createRng } from '../../src/core/stats/rng.ts';

const rows = Number(process.argv[3] ?? 3_000_000);
const file = process.argv[2] ?? `/tmp/flights-${rows}.csv`;

function generate(path, n) {
  const rng = createRng(42);
  const airports = ['ORD', 'LAX', 'JFK', 'ATL', 'DFW', 'DEN', 'SFO', 'SEA', 'LAS', 'MCO', 'BOS', 'PHX', 'IAH', 'MIA', 'EWR'];
  const parts = ['date,delay,distance,origin,destination\n'];
  const base = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const d = new Date(base + Math.floor(rng.next() * 365 * 24 * 60) * 60000);
    const iso = d.toISOString();
    const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
    const delay = Math.round((rng.next() - 0.3) * 120);
    const distance = 100 + Math.floor(rng.next() * 2500);
    const o = airports[Math.floor(rng.next() * airports.length)];
    const t = airports[Math.floor(rng.next() * airports.length)];
    parts.push(`${stamp},${delay},${distance},${o},${t}\n`);
  }
  writeFileSync(path, parts.join(''));
}

if (!existsSync(file)) generate(file, rows);
const bytes = statSync(file).size;
const mb = bytes / 1e6;
const source = await nodeFileSource(file);
for (let run = 0; run < 3; run++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await readTable(source);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(`modelbench readTable: ${result.table.rowCount} rows, ${mb.toFixed(1)} MB in ${ms.toFixed(0)} ms = ${(mb / (ms / 1000)).toFixed(0)} MB/s (process CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, the machine may be shared); types ${result.table.columns.map((c) => c.type).join(',')}`);
}
if (process.env.PEER !== '0') {
  const text = readFileSync(file, 'utf8');
  const t0 = performance.now();
  const table = fromCSV(text, { parse: {} });
  const ms = performance.now() - t0;
  console.log(`arquero fromCSV (string already decoded): ${table.numRows()} rows in ${ms.toFixed(0)} ms = ${(mb / (ms / 1000)).toFixed(0)} MB/s`);
}
