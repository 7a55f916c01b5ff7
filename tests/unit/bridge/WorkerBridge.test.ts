import { afterEach, describe, expect, test, vi } from 'vitest';
import { WorkerBridge } from '../../../src/bridge/WorkerBridge';
import { DataError } from '../../../src/core/table';
import { registerErrorTransfer } from '../../../src/core/thread';
import { fakeWorker, type FakeWorker } from './fakeWorker';

// The fake worker runs in this thread, so one registration serves both sides.
registerErrorTransfer();

const never = () => new Promise<never>(() => undefined);
const tick = () => new Promise((r) => setTimeout(r, 20));

interface EchoApi {
  echo(x: number): number;
  hang(): Promise<never>;
  fail(): never;
  report(onValue: (v: number) => void): string;
}

let bridges: WorkerBridge<EchoApi>[] = [];
afterEach(() => {
  bridges.forEach((b) => b.stop());
  bridges = [];
});

/** A bridge over fake workers running `api`, with the workers it made. */
function bridgeOver(api: Partial<EchoApi>, options: { idleMs?: number; onStop?: () => void } = {}) {
  const workers: FakeWorker[] = [];
  const bridge = new WorkerBridge<EchoApi>({
    create: () => (workers.push(fakeWorker(api)), workers.at(-1)!),
    crashed: (detail) => new Error(`The echo worker stopped (${detail}).`),
    cancelled: 'Echo was cancelled.',
    ...options,
  });
  bridges.push(bridge);
  return { bridge, workers };
}

describe('WorkerBridge', () => {
  test('starts the worker on the first call, not before, and keeps it for the next', async () => {
    const { bridge, workers } = bridgeOver({ echo: (x) => x * 2 });
    expect(workers).toHaveLength(0);
    expect(bridge.running).toBeNull();
    await expect(bridge.call((api) => api.echo(2))).resolves.toBe(4);
    await expect(bridge.call((api) => api.echo(5))).resolves.toBe(10);
    expect(workers).toHaveLength(1);
    expect(bridge.running).not.toBeNull();
  });

  test('queues calls: the second starts after the first ends, even when the first fails', async () => {
    const order: string[] = [];
    const { bridge } = bridgeOver({ echo: (x) => x });
    const first = bridge.call(async (api) => {
      order.push('first starts');
      await tick();
      order.push('first ends');
      throw new Error(`first failed after ${await api.echo(1)}`);
    });
    const second = bridge.call(async (api) => (order.push('second starts'), api.echo(2)));
    await expect(first).rejects.toThrow('first failed after 1');
    await expect(second).resolves.toBe(2);
    expect(order).toEqual(['first starts', 'first ends', 'second starts']);
  });

  test('abort terminates the worker and rejects with an AbortError; the next call starts a new worker', async () => {
    const onStop = vi.fn();
    const { bridge, workers } = bridgeOver({ hang: never, echo: (x) => x }, { onStop });
    const controller = new AbortController();
    const hung = bridge.call((api) => api.hang(), controller.signal);
    await tick();
    controller.abort();
    await expect(hung).rejects.toMatchObject({ name: 'AbortError', message: 'Echo was cancelled.' });
    expect(workers[0].terminated).toBe(true);
    expect(onStop).toHaveBeenCalledTimes(1);
    await expect(bridge.call((api) => api.echo(3))).resolves.toBe(3);
    expect(workers).toHaveLength(2);
  });

  test('an already aborted signal rejects without starting a worker', async () => {
    const { bridge, workers } = bridgeOver({ echo: (x) => x });
    await expect(bridge.call((api) => api.echo(1), AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers).toHaveLength(0);
  });

  test('a crash rejects the running call with the configured message and the next call gets a new worker', async () => {
    const { bridge, workers } = bridgeOver({ hang: never, echo: (x) => x });
    const hung = bridge.call((api) => api.hang());
    await tick();
    workers[0].crash('out of memory');
    await expect(hung).rejects.toThrow('The echo worker stopped (out of memory).');
    expect(workers[0].terminated).toBe(true);
    await expect(bridge.call((api) => api.echo(7))).resolves.toBe(7);
    expect(workers).toHaveLength(2);
  });

  test('an unreadable message (messageerror) fails the call like a crash', async () => {
    const { bridge, workers } = bridgeOver({ hang: never });
    const hung = bridge.call((api) => api.hang());
    await tick();
    workers[0].messageError();
    await expect(hung).rejects.toThrow('The echo worker stopped (it sent a message that could not be read).');
    expect(workers[0].terminated).toBe(true);
  });

  test('errors keep their class name and details across the boundary', async () => {
    const { bridge } = bridgeOver({
      fail: () => {
        throw new DataError('Row 3 of x.csv has 7 fields; the header has 6.', { file: 'x.csv', row: 3 });
      },
    });
    const error = await bridge.call((api) => api.fail()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error).toMatchObject({ name: 'DataError', details: { file: 'x.csv', row: 3 } });
  });

  test('callbacks reach the caller during the call; their ports are closed when it ends', async () => {
    let kept: ((v: number) => Promise<void>) | null = null;
    const { bridge } = bridgeOver({
      report(onValue) {
        kept = onValue as unknown as (v: number) => Promise<void>;
        void kept(1);
        return 'done';
      },
    });
    const seen: number[] = [];
    await expect(bridge.call((api, live) => api.report(live((v) => seen.push(v))))).resolves.toBe('done');
    await vi.waitFor(() => expect(seen).toEqual([1]), { timeout: 30_000 });
    // A callback used after the call: its port is closed, so the worker's call is never answered.
    const late = kept!(2).then(() => 'answered');
    expect(await Promise.race([late, tick().then(() => 'unanswered')])).toBe('unanswered');
    expect(seen).toEqual([1]);
  });

  test('stops the worker after the idle timeout, and starts a new one on the next call', async () => {
    const { bridge, workers } = bridgeOver({ echo: (x) => x }, { idleMs: 10 });
    await bridge.call((api) => api.echo(1));
    expect(workers[0].terminated).toBe(false);
    await vi.waitFor(() => expect(workers[0].terminated).toBe(true), { timeout: 30_000 });
    expect(bridge.running).toBeNull();
    await expect(bridge.call((api) => api.echo(2))).resolves.toBe(2);
    expect(workers).toHaveLength(2);
  });

  test('a call keeps an idle worker alive: the timeout runs only between calls', async () => {
    const { bridge, workers } = bridgeOver({ echo: (x) => x }, { idleMs: 10 });
    await bridge.call(async (api) => {
      await new Promise((r) => setTimeout(r, 40));
      return api.echo(1);
    });
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(false);
  });
});
