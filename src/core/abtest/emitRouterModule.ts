import type { RouterConfig } from './routerConfig';

/** The runtime of router.mjs: plain ES2020 with no imports, mirroring unitHash.ts, router.ts and decisionLog.ts. */
const RUNTIME = String.raw`
function murmur3(text, seed = 0) {
  const bytes = new TextEncoder().encode(text);
  let h = seed >>> 0;
  const n = bytes.length;
  const blocks = n & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  const tail = n & 3;
  if (tail === 3) k ^= bytes[blocks + 2] << 16;
  if (tail >= 2) k ^= bytes[blocks + 1] << 8;
  if (tail >= 1) {
    k ^= bytes[blocks];
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The variant for a unit id: murmur3(salt + "\u0000" + id) / 2^32 looked up in the traffic slices. */
export function assign(unitId) {
  const position = murmur3(CONFIG.salt + "\u0000" + String(unitId)) / 4294967296;
  const ranges = CONFIG.ranges;
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ranges[mid].start <= position) lo = mid;
    else hi = mid - 1;
  }
  return ranges[lo].variant;
}

/**
 * createRouter({ onDecision, onShadowError, now }) -> { assign, predict(unitId, rows), idle() }.
 * onDecision({ unitId, variant, prediction, timestamp, shadow }) runs once per scorer answer. In shadow
 * mode the challengers score in the background and only the champion's answer is returned.
 */
export function createRouter(hooks = {}) {
  const now = hooks.now || Date.now;
  const pending = new Set();
  const run = async (variant, unitId, rows, shadow) => {
    const prediction = await SCORERS[variant].predict(rows);
    if (hooks.onDecision) hooks.onDecision({ unitId, variant, prediction, timestamp: now(), shadow });
    return prediction;
  };
  return {
    assign,
    async predict(unitId, rows) {
      if (!CONFIG.shadow) {
        const variant = assign(unitId);
        return { variant, prediction: await run(variant, unitId, rows, false) };
      }
      for (const variant of CONFIG.variants) {
        if (variant === CONFIG.champion) continue;
        const job = run(variant, unitId, rows, true).then(
          () => undefined,
          (error) => hooks.onShadowError && hooks.onShadowError(error, variant, unitId),
        );
        pending.add(job);
        job.finally(() => pending.delete(job));
      }
      return { variant: CONFIG.champion, prediction: await run(CONFIG.champion, unitId, rows, false) };
    },
    async idle() {
      await Promise.all([...pending]);
    },
  };
}

function csvField(text) {
  return /[",\r\n]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
}

function safeText(text, neutralise) {
  return neutralise && /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
}

/**
 * Formats a decision as one NDJSON or CSV line (header: unitId,variant,prediction,timestamp,shadow).
 * In CSV, text starting like a spreadsheet formula (= + - @ TAB CR) gets a leading ' unless
 * neutraliseFormulas is false.
 */
export function formatDecision(d, format = 'ndjson', neutraliseFormulas = true) {
  if (format === 'ndjson') {
    return JSON.stringify({ unitId: d.unitId, variant: d.variant, prediction: d.prediction, timestamp: d.timestamp, shadow: d.shadow }) + '\n';
  }
  const text = (s) => safeText(s, neutraliseFormulas);
  const prediction = typeof d.prediction === 'string' ? text(d.prediction) : JSON.stringify(d.prediction);
  return [text(d.unitId), text(d.variant), prediction, String(d.timestamp), d.shadow ? 'true' : 'false'].map(csvField).join(',') + '\n';
}

/**
 * Node only: an append-only decision log. Returns { write(decision), close() }; pass write as onDecision.
 * CSV text cells that start like a formula are prefixed with ' unless { neutraliseFormulas: false }.
 * A CSV log gets its header when the file is new or empty.
 */
export async function createLogWriter(path, format = 'ndjson', { neutraliseFormulas = true } = {}) {
  if (format !== 'ndjson' && format !== 'csv') throw new Error('Log format "' + format + '" is not supported; use "ndjson" or "csv".');
  const fs = await import('node:fs');
  const fresh = !fs.existsSync(path) || fs.statSync(path).size === 0;
  const stream = fs.createWriteStream(path, { flags: 'a' });
  if (format === 'csv' && fresh) stream.write('unitId,variant,prediction,timestamp,shadow\n');
  return {
    write: (decision) => void stream.write(formatDecision(decision, format, neutraliseFormulas)),
    close: () => new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve()))),
  };
}
`;

/**
 * Source text of the bundle's standalone `router.mjs`: the config inlined, each variant's scorer
 * imported from `./variants/<name>/scorer.mjs` (exporting `predict(rows)`), murmur3 written out, no
 * dependencies. Exports `CONFIG`, `assign`, `createRouter`, `formatDecision` and `createLogWriter` (Node).
 */
export function emitRouterModule(config: RouterConfig): string {
  const imports = config.variants.map((name, i) => `import * as variant${i} from ${JSON.stringify(`./variants/${name}/scorer.mjs`)};`);
  const scorers = config.variants.map((name, i) => `  ${JSON.stringify(name)}: variant${i},`);
  return [
    '// router.mjs — generated by Modelbench. Routes each unit id to a variant by hashing it; see CONFIG.',
    ...imports,
    '',
    `export const CONFIG = Object.freeze(${JSON.stringify(config, null, 2)});`,
    '',
    'const SCORERS = {',
    ...scorers,
    '};',
    RUNTIME,
  ].join('\n');
}
