import type { ServeOptions } from './types';

/** Flags shared by `modelbench serve` and a bundle's `node serve.mjs`; `{placeholder}` is the command. */
export const SERVE_FLAGS =
  '[--port 8080] [--host 127.0.0.1] [--max-body 10mb] [--max-rows 100000] [--on-error request|row] ' +
  '[--header-timeout 10000] [--body-timeout 30000] [--batch-rows 256] [--drift-window 1000] [--workers 1] [--quiet] ' +
  '[--unit-header x-unit-id | --unit-field user_id] [--admin-token TOKEN] [--decision-log decisions.ndjson] [--log-max-bytes 100mb]';

/**
 * Reads the server's flags (and positional arguments, which only the CLI takes). Shipped in
 * serve.mjs with `Function.prototype.toString()`, so it reads only its arguments and built-ins;
 * `suggest` (nearestName, shipped beside it) names the flag a mistyped one most likely meant.
 * Throws an Error naming the flag and what it takes.
 */
export function parseServeArgs(argv: readonly string[], usage: string, suggest: (typed: string, known: readonly string[]) => string | null = () => null): { options: ServeOptions; positional: string[] } {
  const options: ServeOptions = {
    port: 8080,
    host: '127.0.0.1',
    maxBodyBytes: 10 * 1024 * 1024,
    maxRows: 100000,
    onError: 'request',
    headerTimeoutMs: 10000,
    bodyTimeoutMs: 30000,
    batchRows: 256,
    driftWindow: 1000,
    quiet: false,
    workers: 1,
    unitHeader: 'x-unit-id',
    unitField: null,
    adminToken: null,
    decisionLog: null,
    decisionLogMaxBytes: 100 * 1024 * 1024,
  };
  const positional: string[] = [];
  const KNOWN = new Set(['--port', '--host', '--max-body', '--max-rows', '--on-error', '--header-timeout', '--body-timeout', '--batch-rows', '--drift-window', '--workers', '--quiet', '--unit-header', '--unit-field', '--admin-token', '--decision-log', '--log-max-bytes']);
  const fail = (message: string): never => {
    throw new Error(message + ' ' + usage);
  };
  const whole = (flag: string, text: string, min: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) fail('Flag ' + flag + ' takes a whole number of at least ' + min + ', not "' + text + '".');
    return n;
  };
  const bytes = (flag: string, text: string): number => {
    const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
    if (!m) return fail('Flag ' + flag + ' takes a size such as 10mb or 500kb, not "' + text + '".');
    const unit = (m[2] || 'b').toLowerCase();
    const scale = unit === 'gb' ? 1024 ** 3 : unit === 'mb' ? 1024 ** 2 : unit === 'kb' ? 1024 : 1;
    const n = Math.floor(Number(m[1]) * scale);
    return n >= 1 ? n : fail('Flag ' + flag + ' must be at least 1 byte.');
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!KNOWN.has(flag)) {
      const near = suggest(flag.replace(/^-+/, ''), [...KNOWN].map((known) => known.slice(2)));
      fail('Unknown flag "' + flag + '".' + (near ? ' Did you mean --' + near + '?' : ''));
    }
    if (flag === '--quiet') {
      if (eq > 0) fail('Flag --quiet takes no value.');
      options.quiet = true;
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) fail('Flag ' + flag + ' needs a value.');
    if (flag === '--port') options.port = whole(flag, value, 0);
    else if (flag === '--host') options.host = value;
    else if (flag === '--max-body') options.maxBodyBytes = bytes(flag, value);
    else if (flag === '--max-rows') options.maxRows = whole(flag, value, 1);
    else if (flag === '--on-error') {
      if (value !== 'request' && value !== 'row') fail('Flag --on-error takes "request" (a bad row refuses the request) or "row" (bad rows answer with an error in place), not "' + value + '".');
      options.onError = value as 'request' | 'row';
    } else if (flag === '--header-timeout') options.headerTimeoutMs = whole(flag, value, 1);
    else if (flag === '--body-timeout') options.bodyTimeoutMs = whole(flag, value, 1);
    else if (flag === '--batch-rows') options.batchRows = whole(flag, value, 1);
    else if (flag === '--drift-window') options.driftWindow = whole(flag, value, 1);
    else if (flag === '--workers') options.workers = whole(flag, value, 1);
    else if (flag === '--unit-header') options.unitHeader = value.toLowerCase();
    else if (flag === '--unit-field') options.unitField = value;
    else if (flag === '--admin-token') options.adminToken = value;
    else if (flag === '--decision-log') options.decisionLog = value;
    else options.decisionLogMaxBytes = bytes(flag, value);
  }
  if (options.port > 65535) fail('Flag --port takes 0 (any free port) to 65535.');
  return { options, positional };
}
