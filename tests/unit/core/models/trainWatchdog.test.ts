import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { startWatchdog } from '../../../../src/core/models/trainWatchdog';

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
