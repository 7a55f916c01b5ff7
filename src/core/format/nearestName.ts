/**
 * The known name a mistyped one most likely meant: the same apart from case, or at most two edits
 * away (an adjacent swap, "fats" → "fast", is one edit) and not a different short word; null when
 * none is close. Self-contained (it reads only its arguments and built-ins), so serve.mjs ships it
 * with `Function.prototype.toString()` for its own flags, as the CLI uses it for its commands'.
 */
export function nearestName(typed: string, known: readonly string[]): string | null {
  const distance = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  };
  let best: { name: string; d: number } | null = null;
  for (const name of known) {
    const d = name.toLowerCase() === typed.toLowerCase() ? 0 : distance(typed, name);
    if (d <= Math.min(2, Math.floor(name.length / 3)) && (!best || d < best.d)) best = { name, d };
  }
  return best ? best.name : null;
}
