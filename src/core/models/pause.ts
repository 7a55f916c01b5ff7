import type { TrainHooks } from './types';

/** Waits while `hooks.shouldPause` says so; rejects with an AbortError once the signal aborts. */
export async function waitWhilePaused(hooks: TrainHooks): Promise<void> {
  if (hooks.signal?.aborted) throw new DOMException('Training was cancelled.', 'AbortError');
  while (hooks.shouldPause?.()) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (hooks.signal?.aborted) throw new DOMException('Training was cancelled.', 'AbortError');
  }
}
