import { psiKernel } from '../stats';
import { httpTransport } from './httpTransport';
import { inferenceV2 } from './inferenceV2';
import { microBatcher } from './microBatch';
import { openApiDoc } from './openApi';
import { rowReader } from './requestRows';
import { runServer, type ServeParts } from './runServer';
import { parseServeArgs, SERVE_FLAGS } from './serveArgs';
import { serveMetrics } from './serveMetrics';
import { serveRoutes } from './serveRoutes';
import { servedModel } from './servedModel';

/** What the server reports as its own version on /version and GET /v2. */
export const SERVER_VERSION = 'modelbench-serve/1';

/** The server's functions, as `modelbench serve` runs them and as serve.mjs ships them. */
export const SERVE_PARTS: ServeParts = { rowReader, serveMetrics, microBatcher, inferenceV2, openApiDoc, serveRoutes, httpTransport, psiKernel };

/**
 * serve.mjs: a dependency-free HTTP scoring server for Node ≥ 20 that imports ./scorer.mjs and reads
 * manifest.json, preprocess.json and drift.json beside it. Its code is the functions `modelbench
 * serve` runs, emitted with `Function.prototype.toString()`; only the few lines that read the files
 * and hand Node's modules in are written here.
 */
export function serveModule(id: { name: string; version: string | number }): string {
  // JSON with the line separators escaped too: they would end the comment line.
  const quoted = (v: string | number) => JSON.stringify(String(v)).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const parts = Object.entries(SERVE_PARTS).map(([name, fn]) => `  ${name}: ${fn.toString()},`);
  const usage = `Usage: node serve.mjs ${SERVE_FLAGS}`;
  return [
    `// serve.mjs for model ${quoted(id.name)} version ${quoted(id.version)}, written by Modelbench.`,
    '// Dependency-free (Node >= 20): `node serve.mjs --port 8080`. MLflow /invocations, Open Inference Protocol v2, /metrics, /openapi.json.',
    "import http from 'node:http';",
    "import { readFileSync } from 'node:fs';",
    "import * as scorer from './scorer.mjs';",
    '',
    // Toolchains that keep function names (tsx, esbuild's keepNames) insert `__name(fn, "name")` calls: a no-op one.
    'const __name = (f) => f;',
    'const PARTS = {',
    ...parts,
    '};',
    `const parseServeArgs = ${parseServeArgs.toString()};`,
    `const servedModel = ${servedModel.toString()};`,
    `const runServer = ${runServer.toString()};`,
    '',
    'function readJson(file, fallback) {',
    '  try {',
    "    return JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));",
    '  } catch (e) {',
    "    if (fallback !== undefined && e && e.code === 'ENOENT') return fallback;",
    "    throw new Error(file + ' beside serve.mjs could not be read (' + e.message + '); unzip the whole bundle into one folder.');",
    '  }',
    '}',
    'let args;',
    'try {',
    `  args = parseServeArgs(process.argv.slice(2), ${JSON.stringify(usage)});`,
    "  if (args.positional.length) throw new Error('serve.mjs serves the bundle it sits in and takes no file arguments (got ' + args.positional.join(', ') + '). ' + " + JSON.stringify(usage) + ');',
    "  if (args.options.workers > 1) throw new Error('serve.mjs serves from one process; run one per core (or one container each) behind a load balancer, or use modelbench serve --workers ' + args.options.workers + '.');",
    '} catch (e) {',
    '  console.error(e.message);',
    '  process.exit(2);',
    '}',
    "const model = servedModel(scorer, readJson('manifest.json'), readJson('preprocess.json'), readJson('drift.json', null));",
    'const server = await runServer(',
    '  {',
    '    http,',
    '    signals: process,',
    '    defer: setImmediate,',
    '    log: (line) => process.stdout.write(line),',
    '    logError: (line) => process.stderr.write(line),',
    '    options: args.options,',
    '    model,',
    '    ab: null,',
    `    serverVersion: ${JSON.stringify(SERVER_VERSION)},`,
    '  },',
    '  PARTS,',
    ').catch((e) => {',
    "  console.error('The server could not start: ' + e.message);",
    '  process.exit(1);',
    '});',
    'await server.closed;',
    '// Everything is flushed; exit even if a client holds a socket open.',
    'setTimeout(() => process.exit(0), 1000).unref();',
    '',
  ].join('\n');
}
