import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_STALL_MS, STALL_GAP_FACTOR, stallBaseMs, startWatchdog } from '../../../../src/core/models/trainWatchdog';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('fires once after the timeout of silence, with the silence it saw', () => {
  const onStall = vi.fn();
  const w = startWatchdog(1000, onStall);
  vi.advanceTimersByTime(999);
  expect(onStall).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(onStall).toHaveBeenCalledTimes(1);
  expect(onStall.mock.calls[0][0]).toBeGreaterThanOrEqual(1000);
  expect(w.fired).toBe(true);
  vi.advanceTimersByTime(5000);
  expect(onStall).toHaveBeenCalledTimes(1);
});

test('every kick restarts the countdown', () => {
  const onStall = vi.fn();
  const w = startWatchdog(1000, onStall);
  for (let i = 0; i < 10; i++) {
    vi.advanceTimersByTime(900);
    w.kick();
  }
  expect(onStall).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1000);
  expect(onStall).toHaveBeenCalledTimes(1);
});

test('stop prevents firing, and kicks after it do not rearm', () => {
  const onStall = vi.fn();
  const w = startWatchdog(1000, onStall);
  w.stop();
  w.kick();
  vi.advanceTimersByTime(10_000);
  expect(onStall).not.toHaveBeenCalled();
  expect(w.fired).toBe(false);
});

describe('slow versus stuck', () => {
  test('the limit grows with the rows: 3 million rows allow about 2 minutes more than a small table', () => {
    expect(stallBaseMs(300)).toBe(DEFAULT_STALL_MS + 12);
    expect(stallBaseMs(3_000_000)).toBe(DEFAULT_STALL_MS + 120_000);
    expect(stallBaseMs(3_000_000, 1000, 0)).toBe(1000);
  });

  test('a slow but progressing large run is not stopped: 60-second silences while preparing, then slow batches', () => {
    const onStall = vi.fn();
    const w = startWatchdog({ baseMs: stallBaseMs(3_000_000), gapFactor: STALL_GAP_FACTOR }, onStall);
    // Preparing 3 million rows on a busy machine: one long silence per phase, each well past the old 20 s.
    for (let phase = 0; phase < 3; phase++) {
      vi.advanceTimersByTime(60_000);
      w.kick();
    }
    // Then an epoch of batches, each sign of life 1 s apart, for ten minutes.
    for (let i = 0; i < 600; i++) {
      vi.advanceTimersByTime(1000);
      w.kick();
    }
    expect(onStall).not.toHaveBeenCalled();
    w.stop();
  });

  test('a run whose signs of life come slowly gets several times its slowest gap', () => {
    const onStall = vi.fn();
    const w = startWatchdog({ baseMs: 20_000, gapFactor: STALL_GAP_FACTOR }, onStall);
    // One huge batch per 15 s: each gap is under the base, and the slowest one raises the limit to 75 s.
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(15_000);
      w.kick();
    }
    vi.advanceTimersByTime(60_000);
    expect(onStall).not.toHaveBeenCalled();
    vi.advanceTimersByTime(15_000);
    expect(onStall).toHaveBeenCalledTimes(1);
    expect(onStall.mock.calls[0][1]).toBe(75_000);
  });

  test('a stuck run is stopped once the scaled limit passes, and reports the limit it applied', () => {
    const onStall = vi.fn();
    const limit = stallBaseMs(3_000_000);
    startWatchdog({ baseMs: limit, gapFactor: STALL_GAP_FACTOR }, onStall);
    vi.advanceTimersByTime(limit - 1);
    expect(onStall).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onStall).toHaveBeenCalledTimes(1);
    expect(onStall.mock.calls[0]).toEqual([limit, limit]);
  });
});
