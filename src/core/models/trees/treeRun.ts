/** Small pieces both tree trainers share: pausing, cancelling and sampling features. */
import type { Rng } from '../../stats';
import type { TrainHooks } from '../types';

export async function waitWhilePaused(hooks: TrainHooks): Promise<void> {
  if (hooks.signal?.aborted) throw new DOMException('Training was cancelled.', 'AbortError');
  while (hooks.shouldPause?.()) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (hooks.signal?.aborted) throw new DOMException('Training was cancelled.', 'AbortError');
  }
}

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
