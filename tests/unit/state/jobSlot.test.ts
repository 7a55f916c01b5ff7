import { describe, expect, test } from 'vitest';
import type { UserError } from '../../../src/state/errors';
import { JobSlot } from '../../../src/state/jobSlot';

const host = () => ({ busy: null as 'a' | 'b' | null, error: null as UserError | null, notice: null as string | null });

describe('JobSlot', () => {
  test('a job sets busy while it runs and returns its result', async () => {
    const h = host();
    let settled = 0;
    const slot = new JobSlot(h, () => settled++);
    const seen: (string | null)[] = [];
    const out = await slot.run('a', 'The check', async () => {
      seen.push(h.busy);
      return 42;
    });
    expect(out).toBe(42);
    expect(seen).toEqual(['a']);
    expect(h).toEqual({ busy: null, error: null, notice: null });
    expect(settled).toBe(1);
  });

  test('a failure becomes a titled user error, and the result is undefined', async () => {
    const h = host();
    const out = await new JobSlot(h).run('a', 'The export', async () => {
      throw new Error('disk full');
    });
    expect(out).toBeUndefined();
    expect(h.error?.title).toBe('The export failed');
    expect(h.error?.message).toContain('disk full');
  });

  test('a new job cancels the running one; only the newest clears busy', async () => {
    const h = host();
    let settled = 0;
    const slot = new JobSlot(h, () => settled++);
    const first = slot.run('a', 'Scoring', (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('stop', 'AbortError')))));
    let release!: () => void;
    const second = slot.run('b', 'Reading', () => new Promise<string>((resolve) => (release = () => resolve('done'))));
    expect(await first).toBeUndefined();
    expect(h.busy).toBe('b');
    expect(h.notice).toBe('Scoring was cancelled.');
    release();
    expect(await second).toBe('done');
    expect(h.busy).toBeNull();
    expect(settled).toBe(1);
  });

  test('cancel() turns the running job into a notice', async () => {
    const h = host();
    const slot = new JobSlot(h);
    const job = slot.run('a', 'The latency check', (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('stop', 'AbortError')))));
    slot.cancel();
    expect(await job).toBeUndefined();
    expect(h).toEqual({ busy: null, error: null, notice: 'The latency check was cancelled.' });
  });
});
