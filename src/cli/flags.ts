import { parseArgs } from 'node:util';

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
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const e = error as { code?: string; message: string };
    const flag = e.message.match(/'(-[^' ]+)/)?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const near = nearest(flag.replace(/^-+/, ''), [...allowed, ...switches]);
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

/** The known flag a mistyped one most likely meant: the same apart from case, or at most two edits away (and not a different short word). */
function nearest(typed: string, known: string[]): string | null {
  let best: { name: string; d: number } | null = null;
  for (const name of known) {
    const d = name.toLowerCase() === typed.toLowerCase() ? 0 : editDistance(typed, name);
    if (d <= Math.min(2, Math.floor(name.length / 3)) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name ?? null;
}

/** Edit distance with adjacent transpositions counted as one edit ("fats" → "fast"); flags are short, so the full table is cheap. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
