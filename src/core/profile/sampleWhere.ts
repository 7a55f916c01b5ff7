import { sampleIndices } from '../stats';

/** Up to `k` seeded rows where `ok(row)`; a random superset filtered first, every row only if that falls short. */
export function sampleWhere(n: number, k: number, seed: number, ok: (row: number) => boolean): number[] {
  if (n > 4 * k) {
    const some = Array.from(sampleIndices(n, 4 * k, seed)).filter(ok);
    if (some.length >= k) return Array.from(sampleIndices(some.length, k, seed + 1), (i) => some[i]);
  }
  const all: number[] = [];
  for (let r = 0; r < n; r++) if (ok(r)) all.push(r);
  return Array.from(sampleIndices(all.length, k, seed), (i) => all[i]);
}
