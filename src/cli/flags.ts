import { parseArgs } from 'node:util';

/**
 * Reads `--name value` flags and positional arguments with Node's own `parseArgs`, turning its
 * errors into messages that name the flag and repeat the command's usage.
 */
export function readFlags(argv: string[], allowed: string[], usage: string): { flags: Record<string, string | undefined>; positional: string[] } {
  const options = Object.fromEntries(allowed.map((name) => [name, { type: 'string' as const }]));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const e = error as { code?: string; message: string };
    const flag = e.message.match(/'(-[^' ]+)/)?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new RangeError(`Unknown flag "${flag}". ${usage}`);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new RangeError(`Flag ${flag.split(' ')[0]} needs a value. ${usage}`);
    throw new RangeError(`${e.message} ${usage}`);
  }
  return { flags: parsed.values as Record<string, string | undefined>, positional: parsed.positionals };
}
