import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { openStudioDB, closeStudioDB, putDataset, saveRun, type StudioDb, type StudioOptions, type NewRun, type DatasetRecord } from '../../../src/storage';

const open: StudioDb[] = [];
let counter = 0;

afterEach(() => {
  for (const db of open.splice(0)) closeStudioDB(db);
});

/** A settable clock starting 2026-01-01, stepping 1 s per read unless frozen. */
export function testClock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  const clock = { now: () => (t += 1000), set: (v: number) => void (t = v) };
  return clock;
}

/** A fresh database with a unique name (and its own change channel unless given). */
export async function freshDb(options: StudioOptions = {}, name = `test-${++counter}-${Math.random()}`): Promise<StudioDb> {
  const db = await openStudioDB(name, { channel: `ch-${name}`, now: testClock().now, ...options });
  open.push(db);
  return db;
}

export function track(db: StudioDb): StudioDb {
  open.push(db);
  return db;
}

export const hex = (n: number): string => n.toString(16).padStart(64, '0');

export async function addDataset(db: StudioDb, n = 1, arrow?: Uint8Array): Promise<DatasetRecord> {
  const { dataset } = await putDataset(db, {
    name: `data-${n}`,
    sourceFileName: `data-${n}.csv`,
    fingerprint: hex(n),
    schema: [{ name: 'x', type: 'float' }, { name: 'y', type: 'categorical' }],
    rows: 100 * n,
    columns: 2,
    profileSummary: { missing: 0, alerts: [] },
    ...(arrow ? { arrow } : {}),
  });
  return dataset;
}

export function runInput(id: string, datasetId: string, extra: Partial<NewRun> = {}): NewRun {
  return {
    id,
    datasetId,
    recipe: { steps: [{ kind: 'impute', strategy: 'median' }] },
    spec: { kind: 'mlp', layers: [64, 64] },
    seed: 42,
    backend: 'cpu',
    status: 'completed',
    startedAt: Date.UTC(2026, 0, 1),
    endedAt: Date.UTC(2026, 0, 1, 0, 1),
    curves: { loss: [0.9, 0.5, 0.3] },
    metrics: { accuracy: 0.91 },
    ...extra,
  };
}

/** Deterministic bytes (a simple LCG), so hashes are reproducible. */
export function bytesOf(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

export async function completedRun(db: StudioDb, id: string, datasetId: string, bytes = bytesOf(100, id.length)) {
  return saveRun(db, runInput(id, datasetId), [{ name: 'weights.bin', bytes }]);
}

/** Every record of every store, for before/after comparisons. */
export async function dump(db: StudioDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of db.objectStoreNames) out[name] = await db.getAll(name);
  return out;
}
