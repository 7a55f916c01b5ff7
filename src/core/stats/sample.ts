import { createRng } from './rng';

/**
 * Up to `k` distinct row indices from [0, n), ascending, chosen uniformly with a seeded
 * RNG (Floyd's algorithm over a byte mask, then one scan). All rows when n <= k.
 */
export function sampleIndices(n: number, k: number, seed: number): Uint32Array {
  if (n <= k) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const rng = createRng(seed);
  const chosen = new Uint8Array(n);
  for (let j = n - k; j < n; j++) {
    const t = rng.int(j + 1);
    chosen[chosen[t] ? j : t] = 1;
  }
  const out = new Uint32Array(k);
  let c = 0;
  for (let i = 0; i < n; i++) if (chosen[i]) out[c++] = i;
  return out;
}
