import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';

// Chromium's QuotaExceededError cannot be provoked in fake-indexeddb; the storage layer turns it
// into StorageFullError (tested there), so here saveRun is made to throw that once.
const full = vi.hoisted(() => ({ next: false }));
vi.mock('../../../src/storage', async (original) => {
  const storage = await original<typeof import('../../../src/storage')>();
  return {
    ...storage,
    saveRun: (...args: Parameters<typeof storage.saveRun>) => {
      if (full.next) {
        full.next = false;
        return Promise.reject(new storage.StorageFullError('run "r" with 1 artifact(s) (0.0 MB)', new Error('QuotaExceededError')));
      }
      return storage.saveRun(...args);
    },
  };
});

const { Registry } = await import('../../../src/state/registry.svelte');

describe('Registry.finishRun when storage is full', () => {
  test('nothing is lost: the result waits in memory with a message, and retrySave writes it', async () => {
    const name = `full-${Math.random()}`;
    const registry = new Registry({ name, channel: `ch-${name}` });
    await registry.open();
    const datasetId = await registry.rememberDataset({
      name: 'd.csv', sourceFileName: 'd.csv', fingerprint: 'f'.repeat(64), schema: [], rows: 1, columns: 1, profileSummary: null,
    });
    const runId = await registry.startRun({ datasetId, recipe: null, spec: null, seed: 1, backend: 'cpu' });
    full.next = true;
    const outcome = { status: 'completed' as const, metrics: { rmse: 2 }, curves: { loss: [1] } };
    expect(await registry.finishRun(runId, outcome, [{ name: 'weights.bin', bytes: new Uint8Array(4) }])).toBe(false);
    expect(registry.error?.title).toBe('The trained model was not saved: browser storage is full');
    expect(registry.error?.message).toMatch(/Free space by deleting old runs or datasets.*Retry saving/);
    expect([...registry.unsaved.keys()]).toEqual([runId]);
    expect(registry.runs[0].status).toBe('running');

    expect(await registry.retrySave(runId)).toBe(true);
    expect(registry.unsaved.size).toBe(0);
    expect(registry.runs[0]).toMatchObject({ status: 'completed', metrics: { rmse: 2 } });
    expect(registry.runs[0].artifactIds).toHaveLength(1);
    registry.close();
  });
});
