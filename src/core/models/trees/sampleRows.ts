import { createRng, iota } from '../../stats';

/** Up to `max` distinct row indices of 0..n-1, sorted, drawn with a seed (all rows when n <= max). */
export function subsampleRows(n: number, max: number, seed: number): Int32Array {
  if (n <= max) return iota(n);
  const rng = createRng(seed);
  const picked = new Set<number>();
  while (picked.size < max) picked.add(rng.int(n));
  return Int32Array.from(picked).sort();
}
