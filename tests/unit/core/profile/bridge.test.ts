import { Worker } from 'node:worker_threads';
import { describe, expect, test, vi } from 'vitest';
import { planWork, ProfileBridge, tableIsShared, type ProfileWorker } from '../../../../src/bridge/ProfileBridge';
import { shareOrCopyTable } from '../../../../src/bridge/copyTable';
import { CROSS_SECTIONS } from '../../../../src/core/profile';
import { isShared, shareTable } from '../../../../src/core/table';
import { profileTable } from '../../../../src/core/profile';
import { columnFrom, loadSample } from './helpers';

const WORKER = new URL('../../../fixtures/profile/nodeProfileWorker.mjs', import.meta.url);

/** A Node worker dressed as the Web Worker the bridge expects. */
let terminated = 0;

function nodeWorker(crash = false): ProfileWorker {
  const w = new Worker(WORKER, { workerData: { crash } });
  const map = new Map<unknown, (...a: unknown[]) => void>();
  const exits = new Map<unknown, (code: number) => void>();
  return {
    postMessage: (msg: unknown, transfer?: Transferable[]) => w.postMessage(msg, transfer as never),
    addEventListener(type: string, l: EventListenerOrEventListenerObject) {
      const call = (e: unknown) => ('handleEvent' in l ? l.handleEvent(e as Event) : l(e as Event));
      const f =
        type === 'message'
          ? (data: unknown) => call({ data })
          : (x: unknown) => call({ message: typeof x === 'number' ? `exit code ${x}` : String((x as Error).message) });
      map.set(l, f);
      if (type === 'message') w.on('message', f);
      else {
        const onExit = (code: number) => code !== 0 && f(code);
        exits.set(l, onExit);
        w.on('error', f);
        w.on('exit', onExit);
      }
    },
    removeEventListener(type: string, l: EventListenerOrEventListenerObject) {
      const f = map.get(l);
      if (f) w.off(type === 'message' ? 'message' : 'error', f);
      const onExit = exits.get(l);
      if (onExit) w.off('exit', onExit);
    },
    terminate: () => {
      terminated++;
      void w.terminate();
    },
  } as ProfileWorker;
}

describe('ProfileBridge over two workers', () => {
  const table = loadSample('penguins.json');
  /** The bridge's report equals profileTable's on the same table, section by section. */
  const expectSameAsLocal = (report: ReturnType<typeof profileTable>, keys: (keyof ReturnType<typeof profileTable>)[]) => {
    const local = profileTable(table, { target: 'Species' });
    for (const key of keys) expect(report[key], key).toEqual(local[key]);
  };

  test.each([false, true])('planWork (shared %s) gives every column and every cross section to exactly one worker', (shared) => {
    const [a, b] = planWork(table, shared);
    expect([...a.columns, ...b.columns].sort()).toEqual(table.columns.map((c) => c.name).sort());
    expect([...a.sections, ...b.sections].sort()).toEqual([...CROSS_SECTIONS].sort());
    for (const share of [a, b]) expect(share.sections).toEqual(CROSS_SECTIONS.filter((k) => share.sections.includes(k)));
    // Copied tables keep the cross sections on worker 0, the only one sent every column.
    if (!shared) expect(b.sections).toEqual([]);
    else expect(a.sections.length * b.sections.length).toBeGreaterThan(0);
  });

  test('read-only workers get shared columns as they are and copies of the others', async () => {
    const shared = shareTable(table, true);
    const mixed = { ...table, columns: [shared.columns[0], ...table.columns.slice(1)] };
    const out = await shareOrCopyTable(mixed);
    expect(out.table.columns[0]).toBe(shared.columns[0]);
    expect(out.buffers).toHaveLength(table.columns.length - 1);
    expect(out.table.columns.slice(1).every((c, i) => c !== table.columns[i + 1] && !isShared('values' in c ? c.values : c.codes))).toBe(true);
    expect(tableIsShared(shared)).toBe(true);
    expect(tableIsShared(mixed)).toBe(false);
  });

  test('a table on shared memory: both workers read it without copies and the report is the same', async () => {
    const shared = shareTable(table, true);
    const bridge = new ProfileBridge(() => nodeWorker());
    let last = [0, 0];
    const report = await bridge.profile(shared, { target: 'Species' }, { onProgress: (d, t) => (last = [d, t]) });
    bridge.dispose();
    expectSameAsLocal(report, ['columns', 'dataset', 'correlations', 'missing', 'target', 'pca']);
    expect(last[0]).toBe(last[1]);
    // Nothing was transferred away from the caller.
    expect(shared.columns.every((c) => ('values' in c ? c.values.length : c.codes.length) === 344)).toBe(true);
  }, 60_000);

  test('same report as profileTable, progress reaches the total, caller keeps its table', async () => {
    const bridge = new ProfileBridge(() => nodeWorker());
    const sections: string[] = [];
    let last = [0, 0];
    const report = await bridge.profile(table, { target: 'Species' }, { onSection: (s) => sections.push(s.kind), onProgress: (d, t) => (last = [d, t]) });
    // Section callbacks use their own message ports and may land just after the result: wait for them.
    await vi.waitFor(() => expect(sections.filter((s) => s === 'column')).toHaveLength(7), { timeout: 30_000, interval: 10 });
    bridge.dispose();
    expectSameAsLocal(report, ['columns', 'alerts', 'correlations', 'target']);
    expect(last[0]).toBe(last[1]);
    expect(sections.filter((s) => s === 'column')).toHaveLength(7);
    expect(table.columns.every((c) => ('values' in c ? c.values.length : c.codes.length) === 344)).toBe(true);
  }, 60_000);

  test('a column with a big dictionary crosses packed and profiles the same', async () => {
    const n = 120_000;
    const ids = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? `id-${i}-é😀` : i % 3 === 1 ? '' : `x${i}`));
    const t = { name: 'ids', rowCount: n, columns: [columnFrom('id', ids, 'identifier'), columnFrom('v', ids.map((_, i) => i % 10))] };
    const bridge = new ProfileBridge(() => nodeWorker());
    const report = await bridge.profile(t);
    bridge.dispose();
    expect(report.columns).toEqual(profileTable(t).columns);
    expect(report.columns[0].distinct).toBe(80_001);
  }, 60_000);

  test('abort mid-run rejects with AbortError and terminates both workers', async () => {
    const n = 1_500_000;
    const big = { name: 'big', rowCount: n, columns: ['a', 'b', 'c'].map((name, k) => ({ name, type: 'float' as const, inferredType: 'float' as const, values: Float64Array.from({ length: n }, (_, i) => Math.sin(i * (k + 1))) })) };
    const bridge = new ProfileBridge(() => nodeWorker());
    const ac = new AbortController();
    const before = terminated;
    const p = bridge.profile(big, {}, { signal: ac.signal });
    setTimeout(() => ac.abort(), 150);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(terminated - before).toBe(2);
    // The bridge restarts lazily: the next call works.
    const again = await bridge.profile(table);
    expect(again.dataset.rows).toBe(344);
    bridge.dispose();
  }, 60_000);

  test('a crashed worker becomes a rejected promise with a clear message', async () => {
    const bridge = new ProfileBridge(() => nodeWorker(true));
    // Both workers crash; which one reports first is a race between two threads.
    await expect(bridge.profile(table)).rejects.toThrow(/Profile worker [12] crashed \(exit code 3\)/);
    bridge.dispose();
  }, 60_000);
});
