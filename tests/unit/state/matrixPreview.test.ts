/** The preview asks the worker once per pause in editing, cancels the request in flight, and never shows a stale answer. */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { MatrixPreview, Recipe } from '../../../src/core/recipe';
import { MatrixPreviewState, type PreviewService } from '../../../src/state/matrixPreview.svelte';
import { tableOf } from '../core/recipe/tableOf';

const table = tableOf({ x: [1, 2, 3], y: [0, 1, 0] });
const recipe = (seed: number) => ({ version: 1, target: 'y', task: 'binary', steps: [], split: { method: 'random', testFraction: 0.2, seed } }) as Recipe;
const answer = (seed: number): MatrixPreview => ({ featureNames: ['x'], rows: [[String(seed)]], fileRows: [1], note: `seed ${seed}` });

/** A service whose answers the test releases by hand, in any order. */
function deferred() {
  const calls: { seed: number; signal: AbortSignal; resolve: () => void }[] = [];
  const service: PreviewService = {
    preview: (_t, r, _o, signal) =>
      new Promise((resolve, reject) => {
        const seed = r.split.seed;
        signal!.addEventListener('abort', () => reject(Object.assign(new Error('cancelled'), { name: 'AbortError' })));
        calls.push({ seed, signal: signal!, resolve: () => resolve(answer(seed)) });
      }),
  };
  return { calls, service };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('edits in quick succession ask once, for the latest recipe', async () => {
  const { calls, service } = deferred();
  const state = new MatrixPreviewState(service);
  state.request(table, recipe(1), {});
  state.request(table, recipe(2), {});
  state.request(table, recipe(3), {});
  await vi.runAllTimersAsync();
  expect(calls.map((c) => c.seed)).toEqual([3]);
  calls[0].resolve();
  await vi.runAllTimersAsync();
  expect(state.preview?.note).toBe('seed 3');
  expect(state.busy).toBe(false);
});

test('a newer request cancels the one in flight; an older answer never overwrites a newer one', async () => {
  const { calls, service } = deferred();
  const state = new MatrixPreviewState(service);
  state.request(table, recipe(1), {});
  await vi.runAllTimersAsync();
  state.request(table, recipe(2), {});
  await vi.runAllTimersAsync();
  expect(calls.map((c) => c.seed)).toEqual([1, 2]);
  expect(calls[0].signal.aborted).toBe(true);
  calls[1].resolve();
  calls[0].resolve();
  await vi.runAllTimersAsync();
  expect(state.preview?.note).toBe('seed 2');
  expect(state.error).toBeNull();
});

test('a recipe that cannot be prepared shows why; cancel drops a pending request', async () => {
  const service: PreviewService = { preview: async () => Promise.reject(new Error("Column 'Island' is still categorical")) };
  const state = new MatrixPreviewState(service);
  state.request(table, recipe(1), {});
  await vi.runAllTimersAsync();
  expect(state.error?.message).toMatch(/Island/);
  const spy = vi.fn(service.preview);
  const quiet = new MatrixPreviewState({ preview: spy });
  quiet.request(table, recipe(1), {});
  quiet.cancel();
  await vi.runAllTimersAsync();
  expect(spy).not.toHaveBeenCalled();
  expect(quiet.busy).toBe(false);
});
