/** Small pieces both tree trainers share: pausing and cancelling (the networks' rule) and sampling features. */
import type { Rng } from '../../stats';

export { waitWhilePaused } from '../pause';

/** A sorted random subset of `fraction` of the features (at least one), or all of them. */
export function sampleFeatures(all: Int32Array, fraction: number, rng: Rng): Int32Array {
  if (fraction >= 1) return all;
  const k = Math.max(1, Math.round(fraction * all.length));
  const pick = all.slice();
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pick.length - i);
    const t = pick[i];
    pick[i] = pick[j];
    pick[j] = t;
  }
  return pick.subarray(0, k).sort();
}
