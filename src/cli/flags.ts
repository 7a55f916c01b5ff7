import { parseArgs } from 'node:util';
import { nearestName } from '../core/format';

/**
 * Reads `--name value` flags and positional arguments with Node's own `parseArgs`, turning its
 * errors into messages that name the flag and repeat the command's usage. `allowed` flags take a
 * value; `switches` take none.
 */
export function readFlags(
  argv: string[],
  allowed: string[],
  usage: string,
  switches: string[] = [],
): { flags: Record<string, string | undefined>; switches: Set<string>; positional: string[] } {
  const options = Object.fromEntries([
    ...allowed.map((name) => [name, { type: 'string' as const }]),
    ...switches.map((name) => [name, { type: 'boolean' as const }]),
  ]);
  let parsed;
  try {
    parsed = parseArgs({ args: withNegativeValues(argv, allowed), options, allowPositionals: true, strict: true });
  } catch (error) {
    const e = error as { code?: string; message: string };
    const flag = e.message.match(/'(-[^' ]+)/)?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const near = nearestName(flag.replace(/^-+/, ''), [...allowed, ...switches]);
      throw new RangeError(`Unknown flag "${flag}".${near ? ` Did you mean --${near}?` : ''} ${usage}`);
    }
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = flag.split(' ')[0];
      throw new RangeError(switches.includes(name.replace(/^--/, '')) ? `Flag ${name} takes no value. ${usage}` : `Flag ${name} needs a value. ${usage}`);
    }
    throw new RangeError(`${e.message} ${usage}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const flags = Object.fromEntries(allowed.map((name) => [name, values[name] as string | undefined]));
  return { flags, switches: new Set(switches.filter((name) => values[name] === true)), positional: parsed.positionals };
}

/**
 * `--shift -3` as `--shift=-3`: parseArgs takes a value starting with a dash for a forgotten one,
 * and the person would be told the flag "needs a value" when they gave it one.
 */
function withNegativeValues(argv: string[], allowed: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i].startsWith('--') && allowed.includes(argv[i].slice(2)) && next !== undefined && /^-(\d|\.\d|Infinity$)/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}
