// The storage bench page: `window.storageBench` runs src/storage verbs against real IndexedDB and times them.
// Built with Vite by storage.bench.mjs and served from the studio's origin, so it shares the studio's database.
import { table, toArrowIPC } from 'arquero';
import { closeStudioDB, getDataset, getRun, listRuns, loadArtifact, openStudioDB, putDataset, saveRun, type StudioDb } from '../../src/storage';

const MB = 1_000_000;
let db: StudioDb | null = null;
const open = async () => (db ??= await openStudioDB());

/** Deterministic filler (xorshift), so bytes look like data rather than a compressible constant. */
function fill<T extends Float32Array | Float64Array>(values: T, seed: number): T {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < values.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    values[i] = ((s >>> 0) / 2 ** 32 - 0.5) * 4;
  }
  return values;
}

const hex = (n: number) => n.toString(16).padStart(64, '0');

/** Arrow IPC bytes of about `mb` MB: four float64 columns and a small-integer code column. */
function arrowOf(mb: number, seed: number): Uint8Array {
  const rows = Math.round((mb * MB) / (4 * 8 + 4));
  const columns: Record<string, Float64Array | Int32Array> = {};
  for (let c = 0; c < 4; c++) columns[`x${c}`] = fill(new Float64Array(rows), seed + c);
  columns.code = Int32Array.from({ length: rows }, (_, i) => (i * 2654435761) % 30);
  return toArrowIPC(table(columns));
}

function newRun(id: string, datasetId: string, i: number) {
  return {
    id,
    datasetId,
    recipe: { version: 1, target: 'delayed', steps: [] },
    spec: { kind: i % 2 ? 'mlp' : 'logistic', seed: 42, options: { learningRate: 0.002 * (1 + (i % 7)), layers: 1 + (i % 3) } },
    seed: 42,
    backend: 'wasm',
    status: 'completed' as const,
    startedAt: Date.UTC(2026, 0, 1) + i * 60_000,
    endedAt: Date.UTC(2026, 0, 1) + i * 60_000 + 30_000,
    curves: { loss: Array.from({ length: 40 }, (_, e) => 0.7 / (1 + e / 10)), val_loss: Array.from({ length: 40 }, (_, e) => 0.72 / (1 + e / 11)) },
    metrics: { rocAuc: 0.6 + (i % 100) / 1000, accuracy: 0.8 + (i % 50) / 1000, logLoss: 0.45 - (i % 30) / 1000 },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

const api = {
  /** Saves a dataset of `datasetMB` Arrow bytes, then a run with a `modelMB` artifact; loads both back. */
  async saveAndLoad({ datasetMB, modelMB, repeat }: { datasetMB: number; modelMB: number; repeat: number }) {
    const d = await open();
    const arrow = arrowOf(datasetMB, 7 + repeat * 11);
    const weights = new Uint8Array(fill(new Float32Array((modelMB * MB) / 4), 99 + repeat).buffer);
    const modelJson = new TextEncoder().encode(JSON.stringify({ format: 'layers-model', repeat }));
    const saveDataset = await timed(() => putDataset(d, {
      id: `bench-dataset-${repeat}-${Date.now()}`,
      name: `bench ${datasetMB} MB`,
      sourceFileName: 'bench.arrow',
      fingerprint: hex(Date.now() * 1000 + repeat),
      schema: [{ name: 'x0', type: 'float' }],
      rows: 0,
      columns: 5,
      profileSummary: {},
      arrow,
    }));
    const datasetId = saveDataset.value.dataset.id;
    const runId = `bench-run-${repeat}-${Date.now()}`;
    const saveRunT = await timed(() => saveRun(d, newRun(runId, datasetId, repeat),
      [{ name: 'model.json', bytes: modelJson }, { name: 'weights.bin', bytes: weights }]));
    const loadRun = await timed(async () => {
      const run = await getRun(d, runId);
      const parts = await Promise.all(run!.artifactIds.map((a) => loadArtifact(d, a)));
      return parts.reduce((n, p) => n + p.length, 0);
    });
    const loadDataset = await timed(async () => {
      const record = await getDataset(d, datasetId);
      return (await loadArtifact(d, record!.blobId!)).length;
    });
    if (loadRun.value !== weights.length + modelJson.length) throw new Error(`run ${runId} came back with ${loadRun.value} bytes`);
    if (loadDataset.value !== arrow.length) throw new Error(`dataset ${datasetId} came back with ${loadDataset.value} bytes, not ${arrow.length}`);
    return { arrowBytes: arrow.length, weightBytes: weights.length, saveDatasetMs: saveDataset.ms, saveRunMs: saveRunT.ms,
      loadRunMs: loadRun.ms, loadDatasetMs: loadDataset.ms, datasetId };
  },

  /** Seeds `count` small runs (curves, metrics, parameters) on one dataset, one saveRun each. */
  async seedRuns({ count, datasetId }: { count: number; datasetId: string }) {
    const d = await open();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) await saveRun(d, newRun(`seed-${String(i).padStart(4, '0')}`, datasetId, i));
    return { ms: performance.now() - t0 };
  },

  /** Times `listRuns` `times` times; returns each time and the count. */
  async listRuns({ times }: { times: number }) {
    const d = await open();
    const ms: number[] = [];
    let count = 0;
    for (let i = 0; i < times; i++) {
      const r = await timed(() => listRuns(d));
      ms.push(r.ms);
      count = r.value.length;
    }
    return { ms, count };
  },

  close() {
    if (db) closeStudioDB(db);
    db = null;
  },
};

/** Cells shown per run in the plain table: the fields a runs table leads with. */
const CELLS = (r: Awaited<ReturnType<typeof listRuns>>[number]) => {
  const m = r.metrics as Record<string, number>;
  const spec = r.spec as { kind: string };
  return [r.id.slice(0, 8), r.status, spec.kind, r.backend, new Date(r.startedAt).toISOString().slice(0, 16),
    m.rocAuc?.toFixed(4) ?? '', m.accuracy?.toFixed(4) ?? '', m.logLoss?.toFixed(4) ?? ''];
};

/** A frame boundary: resolves in the next requestAnimationFrame callback, with its time. */
const nextFrame = () => new Promise<number>((ok) => requestAnimationFrame(() => ok(performance.now())));
/**
 * The next frame: its start (the rAF timestamp) and the time a message posted from its rAF callback is
 * delivered (after that frame's style, layout, paint and commit), as the studio's frameTiming.ts measures.
 */
const frameAndPaint = () => new Promise<{ frame: number; painted: number }>((ok) => requestAnimationFrame((frame) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => ok({ frame, painted: performance.now() });
  channel.port2.postMessage(null);
}));

Object.assign(api, {
  /**
   * Reads every run with listRuns, then renders the newest `limit` of them (all by default) as a plain keyed
   * <table> (one <tr> per run, keyed by id in a Map, vanilla DOM). Phases after the data is in memory, in ms,
   * defined as in the studio's frameTiming.ts: `committed` (DOM built), `frame` (next frame's start),
   * `painted` (that frame produced), `work` (`painted` less the idle wait for the frame).
   */
  async renderTable({ limit = Infinity }: { limit?: number } = {}) {
    const d = await open();
    document.querySelector('table')?.remove();
    await nextFrame();
    const runs = (await listRuns(d)).sort((a, b) => b.startedAt - a.startedAt).slice(0, limit);
    const t0 = performance.now();
    const tableEl = document.createElement('table');
    const body = tableEl.createTBody();
    const keyed = new Map<string, HTMLTableRowElement>();
    for (const r of runs) {
      const tr = body.insertRow();
      for (const text of CELLS(r)) tr.insertCell().textContent = text;
      keyed.set(r.id, tr);
    }
    document.body.append(tableEl);
    const committed = performance.now() - t0;
    const { frame, painted } = await frameAndPaint();
    return { rows: keyed.size, committed, frame: frame - t0, painted: painted - t0, work: painted - t0 - Math.max(0, frame - t0 - committed) };
  },
});

declare global {
  interface Window {
    storageBench: typeof api;
    storageBenchReady: boolean;
  }
}
window.storageBench = api;
window.storageBenchReady = true;
