import { nearestName } from '../format';
import { psiKernel } from '../stats';
import { flatRecord } from '../table';
import { httpTransport } from './httpTransport';
import { inferenceV2 } from './inferenceV2';
import { microBatcher } from './microBatch';
import { numberSplit } from './numberSplit';
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
export const SERVE_PARTS: ServeParts = { rowReader, numberSplit, serveMetrics, microBatcher, inferenceV2, openApiDoc, serveRoutes, httpTransport, psiKernel, flatRecord };

/** What differs between a one-model serve.mjs and an A/B one; everything else is shared text. */
export interface ServeScript {
  /** Comment lines that open the file. */
  comment: string[];
  /** Import lines after node:http and node:fs (the scorers). */
  imports: string[];
  /** Top-level definitions after the server's own functions. */
  definitions: string[];
  /** Statements that assign `model` and `ab` (runServer's), given `args`, `readJson` and `PARTS`; a throw stops the start with its message. */
  setup: string[];
}

/**
 * serve.mjs's text around `script`: the server's functions (the ones `modelbench serve` runs,
 * emitted with `Function.prototype.toString()`), reading the flags and the JSON files beside it,
 * starting, and exiting once everything is flushed. Only the glue lines are written here.
 */
export function serveScript(script: ServeScript): string {
  const parts = Object.entries(SERVE_PARTS).map(([name, fn]) => `  ${name}: ${fn.toString()},`);
  const usage = `Usage: node serve.mjs ${SERVE_FLAGS}`;
  return [
    ...script.comment,
    "import http from 'node:http';",
    "import * as fs from 'node:fs';",
    ...script.imports,
    '',
    // Toolchains that keep function names (tsx, esbuild's keepNames) insert `__name(fn, "name")` calls: a no-op one.
    'const __name = (f) => f;',
    'const PARTS = {',
    ...parts,
    '};',
    `const nearestName = ${nearestName.toString()};`,
    `const parseServeArgs = ${parseServeArgs.toString()};`,
    `const servedModel = ${servedModel.toString()};`,
    `const runServer = ${runServer.toString()};`,
    ...script.definitions,
    '',
    'function readJson(file, fallback) {',
    '  try {',
    "    return JSON.parse(fs.readFileSync(new URL(file, import.meta.url), 'utf8'));",
    '  } catch (e) {',
    "    if (fallback !== undefined && e && e.code === 'ENOENT') return fallback;",
    "    throw new Error(file + ' beside serve.mjs could not be read (' + e.message + '); unzip the whole bundle into one folder.');",
    '  }',
    '}',
    'let args;',
    'try {',
    `  args = parseServeArgs(process.argv.slice(2), ${JSON.stringify(usage)}, nearestName);`,
    "  if (args.positional.length) throw new Error('serve.mjs serves the bundle it sits in and takes no file arguments (got ' + args.positional.join(', ') + '). ' + " + JSON.stringify(usage) + ');',
    "  if (args.options.workers > 1) throw new Error('serve.mjs serves from one process; run one per core (or one container each) behind a load balancer, or use modelbench serve --workers ' + args.options.workers + '.');",
    '} catch (e) {',
    '  console.error(e.message);',
    '  process.exit(2);',
    '}',
    'let model;',
    'let ab;',
    'try {',
    ...script.setup.map((line) => '  ' + line),
    '} catch (e) {',
    "  console.error('The server could not start: ' + e.message);",
    '  process.exit(1);',
    '}',
    'const server = await runServer(',
    '  {',
    '    http,',
    '    signals: process,',
    '    defer: setImmediate,',
    '    log: (line) => process.stdout.write(line),',
    '    logError: (line) => process.stderr.write(line),',
    '    options: args.options,',
    '    model,',
    '    ab,',
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

/** A value as a JS string literal that is also safe inside a // comment (line separators escaped). */
export const quoted = (v: string | number) => JSON.stringify(String(v)).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * serve.mjs: a dependency-free HTTP scoring server for Node ≥ 20 that imports ./scorer.mjs and reads
 * manifest.json, preprocess.json and drift.json beside it.
 */
export function serveModule(id: { name: string; version: string | number }): string {
  return serveScript({
    comment: [
      `// serve.mjs for model ${quoted(id.name)} version ${quoted(id.version)}, written by Modelbench.`,
      '// Dependency-free (Node >= 20): `node serve.mjs --port 8080`. MLflow /invocations, Open Inference Protocol v2, /metrics, /openapi.json.',
    ],
    imports: ["import * as scorer from './scorer.mjs';"],
    definitions: [],
    setup: ["model = servedModel(scorer, readJson('manifest.json'), readJson('preprocess.json'), readJson('drift.json', null));", 'ab = null;'],
  });
}
