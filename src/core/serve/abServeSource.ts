import type { decisionFormats, decisionLogWriter, routerKernel, RouterConfig, routerPlanner, trafficKernel, unitHasher } from '../abtest';
import { fmix32, mix32 } from '../stats';
import { abServing } from './abServing';
import { quoted, serveScript } from './serveSource';

/**
 * The A/B functions an A/B serve.mjs carries, handed in by the A/B bundle writer (src/core/abtest
 * imports this folder, so this folder takes them as arguments rather than importing them back).
 */
export interface AbServeParts {
  unitHasher: typeof unitHasher;
  trafficKernel: typeof trafficKernel;
  routerKernel: typeof routerKernel;
  routerPlanner: typeof routerPlanner;
  decisionFormats: typeof decisionFormats;
  decisionLogWriter: typeof decisionLogWriter;
  /** The CSV decision log's header line. */
  csvHeader: string;
}

/**
 * serve.mjs of an A/B bundle: the scoring server of serveModule with the A/B serving `modelbench
 * serve ab.zip` runs (routing by unit id with the bundle's hashing and slices, shadow mode, POST
 * /admin/weights, a rotated NDJSON decision log flushed on SIGTERM), over each variant's
 * ./variants/<name>/scorer.mjs. Requests are checked against the champion's inputs. Every function
 * is emitted with `Function.prototype.toString()`; only the wiring is written here.
 */
export function abServeModule(config: RouterConfig, ab: AbServeParts): string {
  const champion = `variants/${config.champion}/`;
  return serveScript({
    comment: [
      `// serve.mjs for the A/B test of ${config.variants.map(quoted).join(', ')} (champion ${quoted(config.champion)}), written by Modelbench.`,
      '// Dependency-free (Node >= 20): `node serve.mjs --port 8080 --admin-token TOKEN --decision-log decisions.ndjson`.',
      '// Send each unit id in the X-Unit-Id header (or --unit-field NAME); every decision is logged as one NDJSON line.',
    ],
    imports: config.variants.map((name, i) => `import * as variant${i} from ${JSON.stringify(`./variants/${name}/scorer.mjs`)};`),
    definitions: [
      `const CONFIG = ${JSON.stringify(config)};`,
      'const VARIANTS = {',
      ...config.variants.map((name, i) => `  ${JSON.stringify(name)}: variant${i},`),
      '};',
      `const HASH = (${ab.unitHasher.toString()})(${mix32.toString()}, ${fmix32.toString()});`,
      `const TRAFFIC = (${ab.trafficKernel.toString()})();`,
      `const KERNEL = (${ab.routerKernel.toString()})(HASH.unitPosition, TRAFFIC.variantAt);`,
      `const planRouter = (${ab.routerPlanner.toString()})(TRAFFIC.layoutRanges);`,
      `const FORMATS = (${ab.decisionFormats.toString()})();`,
      `const decisionLogWriter = ${ab.decisionLogWriter.toString()};`,
      `const abServing = ${abServing.toString()};`,
      "const event = (name, extra = {}) => process.stdout.write(JSON.stringify({ time: new Date().toISOString(), event: name, ...extra }) + '\\n');",
    ],
    setup: [
      `model = servedModel(VARIANTS[CONFIG.champion], readJson(${JSON.stringify(champion + 'manifest.json')}), readJson(${JSON.stringify(champion + 'preprocess.json')}), readJson(${JSON.stringify(champion + 'drift.json')}, null));`,
      // Every decision is logged: in the working folder unless --decision-log says where (as `modelbench serve` does).
      "const path = args.options.decisionLog || 'decisions.ndjson';",
      "event('decision-log', { path, rotateAtBytes: args.options.decisionLogMaxBytes });",
      `const log = decisionLogWriter(fs, path, { format: 'ndjson', maxBytes: args.options.decisionLogMaxBytes }, FORMATS, ${JSON.stringify(ab.csvHeader)});`,
      'const deps = { config: CONFIG, variants: VARIANTS, kernel: KERNEL, planRouter, movedShare: TRAFFIC.movedShare, microBatcher: PARTS.microBatcher, log, options: args.options, defer: setImmediate, event };',
      'ab = (metrics) => abServing(deps, metrics);',
    ],
  });
}
