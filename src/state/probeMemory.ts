/**
 * Backend measurements remembered across sessions, in localStorage: a few small JSON records, so a
 * second training of the same model shape on the same device starts without measuring again.
 */
import type { ProbeResult } from '../core/models';
import type { ProbeMemory } from '../bridge/TrainBridge';
import { safeLocalStorage } from './presenter.svelte';

export const PROBE_MEMORY_KEY = 'modelbench.backend-measurements';

/** Older measurements are dropped past this many (one per device and model shape). */
export const PROBE_MEMORY_LIMIT = 40;

interface Entry {
  at: number;
  result: ProbeResult;
}

type Store = Pick<Storage, 'getItem' | 'setItem'> | null;

function read(store: Store): Record<string, Entry> {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(PROBE_MEMORY_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, Entry>) : {};
  } catch {
    // A damaged record only costs one measurement: start afresh.
    return {};
  }
}

const isResult = (r: unknown): r is ProbeResult => !!r && typeof r === 'object' && typeof (r as ProbeResult).chosen === 'string' && Array.isArray((r as ProbeResult).candidates) && typeof (r as ProbeResult).why === 'string';

/** A memory over `store` (localStorage by default; without one, nothing is remembered). */
export function localProbeMemory(store: Store = safeLocalStorage(), now: () => number = Date.now): ProbeMemory {
  return {
    recall() {
      return Object.fromEntries(Object.entries(read(store)).filter(([, e]) => isResult(e?.result)).map(([key, e]) => [key, e.result]));
    },
    remember(key, result) {
      const entries = { ...read(store), [key]: { at: now(), result } };
      const kept = Object.entries(entries).sort((a, b) => b[1].at - a[1].at).slice(0, PROBE_MEMORY_LIMIT);
      try {
        store?.setItem(PROBE_MEMORY_KEY, JSON.stringify(Object.fromEntries(kept)));
      } catch {
        // Storage full or refused: the next session measures again, which is only slower.
      }
    },
  };
}
