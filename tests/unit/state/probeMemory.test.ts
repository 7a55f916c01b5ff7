import { expect, test } from 'vitest';
import type { ProbeResult } from '../../../src/core/models';
import { localProbeMemory, PROBE_MEMORY_KEY, PROBE_MEMORY_LIMIT } from '../../../src/state/probeMemory';

function fakeStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}
const result = (chosen: ProbeResult['chosen']): ProbeResult => ({ chosen, why: `${chosen} was fastest.`, candidates: [{ name: chosen, available: true, msPerStep: 2 }] });

test('remembers measurements across memories over the same storage', () => {
  const store = fakeStore();
  localProbeMemory(store).remember('device#mlp', result('wasm'));
  expect(localProbeMemory(store).recall()).toEqual({ 'device#mlp': result('wasm') });
});

test('a damaged or foreign record is ignored, not thrown', () => {
  expect(localProbeMemory(fakeStore({ [PROBE_MEMORY_KEY]: '{not json' })).recall()).toEqual({});
  expect(localProbeMemory(fakeStore({ [PROBE_MEMORY_KEY]: JSON.stringify({ a: { at: 1, result: { chosen: 3 } } }) })).recall()).toEqual({});
  expect(localProbeMemory(null).recall()).toEqual({});
});

test('keeps the newest measurements only', () => {
  const store = fakeStore();
  let clock = 0;
  const memory = localProbeMemory(store, () => ++clock);
  for (let i = 0; i <= PROBE_MEMORY_LIMIT; i++) memory.remember(`shape ${i}`, result('cpu'));
  const kept = Object.keys(memory.recall());
  expect(kept).toHaveLength(PROBE_MEMORY_LIMIT);
  expect(kept).not.toContain('shape 0');
  expect(kept).toContain(`shape ${PROBE_MEMORY_LIMIT}`);
});
