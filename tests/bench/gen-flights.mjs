// Synthetic flights CSV for the benchmarks: deterministic (seeded), streamed to disk in chunks so the
// 2 GB variant never holds more than one chunk in memory.
//
//   node tests/bench/gen-flights.mjs --rows 3000000 --out .bench-data/flights-3m.csv [--seed 42]
//   node tests/bench/gen-flights.mjs --size 2GB [--out .bench-data/flights-2gb.csv]
import { open, mkdir, rename, readFile, writeFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const { createRng } = await tsImport('../../src/core/stats/rng.ts', import.meta.url);

/** Bump when the generated content changes, so cached files are regenerated. */
export const GENERATOR_VERSION = 1;
/** Average bytes per row measured on the 3M-row file; turns `--size` into a row count. */
export const BYTES_PER_ROW = 32.4;
export const HEADER = 'date,delay,distance,origin,destination\n';

// code, latitude, longitude, popularity weight, congestion (log-odds of a >15 min delay)
const AIRPORTS = [
  ['ATL', 33.64, -84.43, 10.0, 0.15], ['DFW', 32.9, -97.04, 8.5, 0.2], ['DEN', 39.86, -104.67, 8.0, 0.1],
  ['ORD', 41.98, -87.9, 8.0, 0.45], ['LAX', 33.94, -118.41, 7.0, 0.1], ['JFK', 40.64, -73.78, 5.5, 0.45],
  ['LAS', 36.08, -115.15, 5.0, 0.0], ['MCO', 28.43, -81.31, 5.0, 0.25], ['MIA', 25.8, -80.29, 4.5, 0.3],
  ['CLT', 35.21, -80.94, 4.5, 0.05], ['SEA', 47.45, -122.31, 4.2, -0.2], ['PHX', 33.43, -112.01, 4.0, -0.25],
  ['EWR', 40.69, -74.17, 4.0, 0.6], ['SFO', 37.62, -122.38, 4.0, 0.4], ['IAH', 29.99, -95.34, 3.8, 0.15],
  ['BOS', 42.36, -71.01, 3.5, 0.3], ['FLL', 26.07, -80.15, 3.0, 0.3], ['MSP', 44.88, -93.22, 3.0, -0.3],
  ['LGA', 40.78, -73.87, 3.0, 0.55], ['DTW', 42.21, -83.35, 2.8, -0.1], ['PHL', 39.87, -75.24, 2.5, 0.2],
  ['SLC', 40.79, -111.98, 2.5, -0.45], ['BWI', 39.18, -76.67, 2.2, 0.05], ['DCA', 38.85, -77.04, 2.0, 0.1],
  ['SAN', 32.73, -117.19, 2.0, -0.15], ['IAD', 38.95, -77.46, 1.6, 0.0], ['TPA', 27.98, -82.53, 1.6, 0.1],
  ['BNA', 36.12, -86.68, 1.5, 0.05], ['AUS', 30.19, -97.67, 1.4, 0.0], ['MDW', 41.79, -87.75, 1.2, 0.2],
];
// Departures by hour of day (few red-eyes) and the log-odds each hour adds: delays accumulate through the day.
const HOUR_WEIGHT = [0.3, 0.15, 0.1, 0.1, 0.2, 1.5, 4, 5.5, 5.5, 5, 5, 5, 5, 5, 5, 5, 5.5, 5.5, 5, 4.5, 4, 3, 2, 1];
const HOUR_EFFECT = [0.3, 0.3, 0.2, 0, -1.2, -1.1, -1, -0.8, -0.6, -0.4, -0.25, -0.1,
  0, 0.1, 0.25, 0.35, 0.45, 0.6, 0.7, 0.75, 0.75, 0.6, 0.45, 0.35];
const WEEKDAY_EFFECT = [0.05, -0.2, -0.15, 0.2, 0.35, -0.25, 0.25]; // Monday … Sunday
const MONTH_EFFECT = [0.1, -0.1, 0, -0.05, 0.05, 0.3, 0.35, 0.25, -0.2, -0.2, 0, 0.3];
/** Scales every driver's effect; 1.3 gives a logistic model on the training features an AUC near 0.7. */
const SIGNAL = 1.3;
const INTERCEPT = -2.25; // tuned so about 20 % of flights are delayed more than 15 minutes
const YEAR = 2024; // a leap year starting on a Monday
const DAYS = 366;
const CHUNK_ROWS = 65_536;

const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

function cumulative(weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}

function pick(cdf, u) {
  let i = 0;
  while (i < cdf.length - 1 && u >= cdf[i]) i++;
  return i;
}

function greatCircleMiles([, lat1, lon1], [, lat2, lon2]) {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2
    + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return Math.round(2 * 3958.8 * Math.asin(Math.sqrt(h)));
}

function dayTable() {
  return Array.from({ length: DAYS }, (_, d) => {
    const date = new Date(Date.UTC(YEAR, 0, 1 + d));
    return { text: `${YEAR}-${pad2[date.getUTCMonth() + 1]}-${pad2[date.getUTCDate()]} `,
      month: date.getUTCMonth(), weekday: (date.getUTCDay() + 6) % 7 };
  });
}

/**
 * Writes `rows` flights to `path` as CSV (`date,delay,distance,origin,destination`), streaming in chunks of
 * 65,536 rows. Same `rows` and `seed` give byte-identical files. Returns `{ rows, bytes, delayedShare, ms }`,
 * where `delayedShare` is the fraction of rows with delay > 15 minutes.
 */
export async function generateFlights(path, rows, seed = 42) {
  const started = performance.now();
  const rng = createRng(seed);
  const days = dayTable();
  const airportCdf = cumulative(AIRPORTS.map((a) => a[3]));
  const hourCdf = cumulative(HOUR_WEIGHT);
  const distance = AIRPORTS.map((a) => AIRPORTS.map((b) => greatCircleMiles(a, b)));
  await mkdir(dirname(resolve(path)), { recursive: true });
  // A name of this writer's own: two test workers that need the same missing file each write it
  // (byte-identical) and rename it into place, instead of one renaming the file the other still writes.
  const partial = `${path}.${process.pid}-${Math.random().toString(36).slice(2)}.partial`;
  const file = await open(partial, 'w');
  let bytes = 0;
  let delayed = 0;
  try {
    bytes += (await file.write(HEADER)).bytesWritten;
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      const end = Math.min(rows, start + CHUNK_ROWS);
      let chunk = '';
      for (let i = start; i < end; i++) {
        const day = days[rng.int(DAYS)];
        const hour = pick(hourCdf, rng.next());
        const origin = pick(airportCdf, rng.next());
        let dest = pick(airportCdf, rng.next());
        while (dest === origin) dest = pick(airportCdf, rng.next());
        const miles = distance[origin][dest];
        const logit = INTERCEPT + SIGNAL * (HOUR_EFFECT[hour] + WEEKDAY_EFFECT[day.weekday] + MONTH_EFFECT[day.month]
          + AIRPORTS[origin][4] + 0.6 * AIRPORTS[dest][4] + 0.25 * (miles / 1000 - 1)) + 0.3 * rng.normal();
        let delay;
        if (rng.next() < 1 / (1 + Math.exp(-logit))) {
          // Late: a long right tail whose scale also grows with the same drivers.
          delay = Math.min(1500, 16 + Math.floor(Math.exp(2.7 + 0.2 * logit + 1.0 * rng.normal())));
          delayed++;
        } else {
          delay = Math.max(-35, Math.min(15, Math.round(-3 + 6 * rng.normal())));
        }
        chunk += `${day.text}${pad2[hour]}:${pad2[rng.int(60)]},${delay},${miles},${AIRPORTS[origin][0]},${AIRPORTS[dest][0]}\n`;
      }
      bytes += (await file.write(chunk)).bytesWritten;
    }
  } finally {
    await file.close();
  }
  await rename(partial, path);
  return { rows, bytes, delayedShare: delayed / Math.max(1, rows), ms: performance.now() - started };
}

/** Parses a size such as `2GB`, `500MB` or `123456` (bytes) into bytes. */
export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)?$/i.exec(String(text).trim());
  if (!m) throw new Error(`--size "${text}" is not a size; write it like 2GB, 500MB or a byte count.`);
  const unit = { KB: 1e3, MB: 1e6, GB: 1e9 }[(m[2] ?? '').toUpperCase()] ?? 1;
  return Number(m[1]) * unit;
}

/**
 * Returns `{ path, rows, bytes, generated }` for a cached flights file, generating it first when the file or its
 * `.meta.json` sidecar is missing or was made with other rows, seed or generator version.
 */
export async function ensureFlights({ path, rows, seed = 42, log = () => {} }) {
  const metaPath = `${path}.meta.json`;
  const wanted = { rows, seed, version: GENERATOR_VERSION };
  try {
    const meta = JSON.parse(await readFile(metaPath, 'utf8'));
    const { size } = await stat(path);
    if (meta.rows === rows && meta.seed === seed && meta.version === GENERATOR_VERSION && meta.bytes === size) {
      return { path, rows, bytes: size, delayedShare: meta.delayedShare, generated: false };
    }
  } catch {
    // No usable cache: generate below.
  }
  log(`generating ${path} (${rows.toLocaleString('en-US')} rows, seed ${seed})…`);
  const result = await generateFlights(path, rows, seed);
  await writeFile(metaPath, JSON.stringify({ ...wanted, bytes: result.bytes, delayedShare: result.delayedShare }, null, 2));
  log(`  wrote ${(result.bytes / 1e6).toFixed(1)} MB in ${(result.ms / 1000).toFixed(1)} s; `
    + `${(100 * result.delayedShare).toFixed(1)} % delayed > 15 min`);
  return { path, rows, bytes: result.bytes, delayedShare: result.delayedShare, generated: true };
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key.startsWith('--')) throw new Error(`Unexpected argument "${key}"; use --rows N, --size 2GB, --out PATH, --seed N.`);
    args[key.slice(2)] = argv[++i];
  }
  return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const bySize = args.size !== undefined;
  const rows = bySize ? Math.round(parseSize(args.size) / BYTES_PER_ROW) : Number(args.rows ?? 3_000_000);
  if (!Number.isInteger(rows) || rows < 1) {
    console.error(`--rows "${args.rows}" is not a positive integer; pass e.g. --rows 3000000.`);
    process.exit(2);
  }
  const seed = Number(args.seed ?? 42);
  const out = args.out ?? (bySize ? `.bench-data/flights-${String(args.size).toLowerCase()}.csv` : '.bench-data/flights-3m.csv');
  const result = await ensureFlights({ path: out, rows, seed, log: console.log });
  if (!result.generated) console.log(`${out} is up to date (${rows.toLocaleString('en-US')} rows, ${(result.bytes / 1e6).toFixed(1)} MB).`);
}
