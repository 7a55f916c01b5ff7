import { proxy, transfer, wrap, type Endpoint, type Remote } from 'comlink';
import { assembleReport, packChunk, PACK_ENTRIES, summarizeTable, type ColumnProfile, type PackedDictionary, type CrossSections, type ProfileHooks, type ProfileOptions, type Report } from '../core/profile';
import { isNumeric, type Column, type Table } from '../core/table/types';
import type { ProfileApi } from '../../workers/profileApi';
import { copyColumn } from './copyTable';

/** A worker as the bridge needs it: a Comlink endpoint that can crash and be terminated. */
export interface ProfileWorker extends Endpoint {
  terminate(): void;
}

const defaultWorker = (): ProfileWorker => new Worker(new URL('../../workers/profile.ts', import.meta.url), { type: 'module' });

/** Columns above this many cells are copied one per macrotask so the main thread stays responsive. */
const YIELD_CELLS = 250_000;
/** Cross-column work (duplicates, correlations, target, PCA) weighed in numeric columns. */
const CROSS_WEIGHT = 2;

const abortError = () => new DOMException('Profiling was cancelled.', 'AbortError');
const tick = () => new Promise<void>((r) => setTimeout(r));

/** A column subset ready to post: fresh buffers to transfer, big dictionaries packed. */
interface Shipment {
  table: Table;
  buffers: ArrayBuffer[];
  packed: Record<string, PackedDictionary>;
}

/** Packs a big dictionary 50k entries per macrotask, so no single step blocks the main thread. */
async function pack(dictionary: string[]): Promise<PackedDictionary> {
  const lengths = new Uint32Array(dictionary.length);
  let text = '';
  for (let from = 0; from < dictionary.length; from += PACK_ENTRIES) {
    text += packChunk(dictionary, from, Math.min(dictionary.length, from + PACK_ENTRIES), lengths);
    await tick();
  }
  return { text, lengths };
}

/** Copies the named columns into fresh buffers, yielding between big ones. */
async function copyColumns(table: Table, names: Set<string>, signal?: AbortSignal): Promise<Shipment> {
  const columns: Column[] = [];
  const buffers: ArrayBuffer[] = [];
  const packed: Record<string, PackedDictionary> = {};
  for (const c of table.columns) {
    if (!names.has(c.name)) continue;
    signal?.throwIfAborted();
    const { column, buffer } = await copyColumn(c, signal);
    let copy = column;
    buffers.push(buffer);
    if (!isNumeric(c) && c.dictionary.length > PACK_ENTRIES) {
      packed[c.name] = await pack(c.dictionary);
      copy = { ...(copy as typeof c), dictionary: [] };
      buffers.push(packed[c.name].lengths.buffer as ArrayBuffer);
    }
    columns.push(copy);
    if (table.rowCount > YIELD_CELLS) await tick();
  }
  return { table: { name: table.name, rowCount: table.rowCount, columns }, buffers, packed };
}

/** Splits the column profiles so each worker gets a similar share; worker 0 also does the cross sections. */
export function splitColumns(table: Table): [string[], string[]] {
  const loads = [CROSS_WEIGHT, 0];
  const parts: [string[], string[]] = [[], []];
  const weight = (c: Column) => (isNumeric(c) ? 1 : 0.3);
  for (const c of [...table.columns].sort((a, b) => weight(b) - weight(a))) {
    const w = loads[0] <= loads[1] ? 0 : 1;
    parts[w].push(c.name);
    loads[w] += weight(c);
  }
  return parts;
}

/**
 * Runs the profile on two workers: worker 0 gets every column (for duplicates, correlations,
 * target and PCA) and profiles some columns; worker 1 gets only the columns it profiles.
 * Aborting terminates both (rejecting with an `AbortError` DOMException); a crashed worker
 * rejects with a message naming it. Workers are kept between calls and restarted lazily.
 */
export class ProfileBridge {
  private workers: { raw: ProfileWorker; api: Remote<ProfileApi> }[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly createWorker: () => ProfileWorker = defaultWorker) {}

  profile(table: Table, options: ProfileOptions = {}, hooks: ProfileHooks = {}): Promise<Report> {
    const run = this.queue.then(() => this.run(table, options, hooks));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Terminates the workers; the next call starts new ones. */
  dispose(): void {
    for (const w of this.workers) w.raw.terminate();
    this.workers = [];
  }

  private ensureWorkers() {
    while (this.workers.length < 2) {
      const raw = this.createWorker();
      this.workers.push({ raw, api: wrap<ProfileApi>(raw) });
    }
    return this.workers;
  }

  private async run(table: Table, options: ProfileOptions, hooks: ProfileHooks): Promise<Report> {
    const { signal } = hooks;
    if (signal?.aborted) throw abortError();
    const start = performance.now();
    const workers = this.ensureWorkers();
    let reject!: (e: unknown) => void;
    const failed = new Promise<never>((_, r) => (reject = r));
    // Whichever of work/failure loses the race must not surface as an unhandled rejection.
    failed.catch(() => undefined);
    const onAbort = () => {
      this.dispose();
      reject(abortError());
    };
    const crashListeners = workers.map((w, i) => {
      const l = (e: Event) => {
        // A worker we already let go of (abort, earlier crash) may still report its exit.
        if (!this.workers.includes(w)) return;
        this.dispose();
        const detail = (e as ErrorEvent).message || 'no message';
        reject(new Error(`Profile worker ${i + 1} crashed (${detail}) while profiling "${table.name}". Try again; if it repeats, the table may be too large for this browser's memory.`));
      };
      w.raw.addEventListener('error', l as EventListener);
      return () => w.raw.removeEventListener('error', l as EventListener);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const [first, second] = splitColumns(table);
      const total = table.columns.length + 5;
      const done = [0, 0];
      let finished = false;
      // Callbacks travel on their own ports and can trail the result; late ones are dropped.
      const progress = (slot: number) => proxy((d: number) => {
        done[slot] = d;
        if (!finished) hooks.onProgress?.(done[0] + done[1], total);
      });
      const onSection = hooks.onSection ? proxy(hooks.onSection) : undefined;
      const work = (async () => {
        // Worker 1 gets only its columns and starts first; worker 0 then gets the whole table.
        const part1 = await copyColumns(table, new Set(second), signal);
        const cols1P = workers[1].api.profileColumns(transfer(part1.table, part1.buffers), second, options, onSection, progress(1), part1.packed);
        const all = await copyColumns(table, new Set(table.columns.map((c) => c.name)), signal);
        const part0P = workers[0].api.profileWithCross(transfer(all.table, all.buffers), first, options, onSection, progress(0), all.packed);
        const [part0, cols1] = await Promise.all([part0P, cols1P]);
        return { cross: part0.cross as CrossSections, columns: [...part0.columns, ...cols1] as ColumnProfile[] };
      })();
      work.catch(() => undefined);
      const { cross, columns } = await Promise.race([work, failed]);
      finished = true;
      hooks.onProgress?.(total, total);
      return assembleReport({ table: summarizeTable(table), columns, cross, options, profileMs: performance.now() - start });
    } catch (e) {
      if (signal?.aborted) throw abortError();
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      crashListeners.forEach((off) => off());
    }
  }
}
