import { transfer } from 'comlink';
import { assembleReport, CROSS_SECTIONS, packChunk, PACK_ENTRIES, summarizeTable, type ColumnProfile, type CrossSectionKind, type PackedDictionary, type CrossSections, type ProfileHooks, type ProfileOptions, type Report } from '../core/profile';
import { isNumeric, type Column, type Table } from '../core/table';
import { isShared } from '../core/table';
import type { ProfileApi } from '../../workers/profile';
import { shareOrCopyColumn } from './copyTable';
import { WorkerBridge, type WorkerLike } from './WorkerBridge';

/** A worker as the bridge needs it: a Comlink endpoint that can crash and be terminated. */
export type ProfileWorker = WorkerLike;

const defaultWorker = (): ProfileWorker => new Worker(new URL('../../workers/profile.ts', import.meta.url), { type: 'module' });

/** Columns above this many cells are copied one per macrotask so the main thread stays responsive. */
const YIELD_CELLS = 250_000;

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

/**
 * The named columns for a worker, yielding between big ones: columns on shared memory are shared
 * (the profile only reads them), others copied into fresh buffers to transfer.
 */
async function copyColumns(table: Table, names: Set<string>, signal?: AbortSignal): Promise<Shipment> {
  const columns: Column[] = [];
  const buffers: ArrayBuffer[] = [];
  const packed: Record<string, PackedDictionary> = {};
  for (const c of table.columns) {
    if (!names.has(c.name)) continue;
    signal?.throwIfAborted();
    const { column, buffer } = await shareOrCopyColumn(c, signal);
    let copy = column;
    if (buffer) buffers.push(buffer);
    if (!isNumeric(c) && c.dictionary.length > PACK_ENTRIES) {
      packed[c.name] = await pack(c.dictionary);
      copy = { ...(copy as typeof c), dictionary: [] };
      buffers.push(packed[c.name].lengths.buffer as ArrayBuffer);
    }
    columns.push(copy);
    if (buffer && table.rowCount > YIELD_CELLS) await tick();
  }
  return { table: { name: table.name, rowCount: table.rowCount, columns }, buffers, packed };
}

/** One worker's share of a profile: columns to profile and cross-column sections to compute. */
export interface WorkShare {
  columns: string[];
  sections: CrossSectionKind[];
}

/**
 * Rough cost of profiling a column, in "numeric column" units: numeric and datetime columns are
 * sorted; dictionary columns cost little beyond their dictionary.
 */
function columnCost(c: Column, rows: number): number {
  if (isNumeric(c)) return c.type === 'boolean' ? 0.2 : c.type === 'datetime' ? 1.1 : 1;
  return 0.15 + c.dictionary.length / Math.max(1, rows);
}

/** Rough cost of each cross-column section in the same units (duplicates hash every cell). */
function sectionCost(kind: CrossSectionKind, columns: number): number {
  if (kind === 'duplicates') return 0.5 + 0.2 * columns;
  if (kind === 'missing') return 0.1 * columns;
  if (kind === 'correlations') return 1.2;
  if (kind === 'target') return 0.5;
  return 0.3;
}

/**
 * Shares the work between the two workers by estimated cost, largest first, each to the less
 * loaded worker. When the table is on shared memory every worker can read every column for free,
 * so cross sections go wherever they balance best; otherwise they all stay on worker 0, the only
 * one sent the whole table (a copy), and worker 1 gets columns only.
 */
export function planWork(table: Table, shared: boolean): [WorkShare, WorkShare] {
  const shares: [WorkShare, WorkShare] = [{ columns: [], sections: [] }, { columns: [], sections: [] }];
  const loads = [0, 0];
  const sections = CROSS_SECTIONS.map((kind) => ({ kind, cost: sectionCost(kind, table.columns.length) }));
  if (!shared) {
    for (const s of sections) {
      shares[0].sections.push(s.kind);
      loads[0] += s.cost;
    }
  }
  const items = [
    ...table.columns.map((c) => ({ column: c.name, kind: null, cost: columnCost(c, table.rowCount) })),
    ...(shared ? sections.map((s) => ({ column: null, kind: s.kind, cost: s.cost })) : []),
  ].sort((a, b) => b.cost - a.cost);
  for (const item of items) {
    const w = loads[0] <= loads[1] ? 0 : 1;
    if (item.kind) shares[w].sections.push(item.kind);
    else shares[w].columns.push(item.column!);
    loads[w] += item.cost;
  }
  // Sections run in report order, whoever computes them.
  for (const share of shares) share.sections.sort((a, b) => CROSS_SECTIONS.indexOf(a) - CROSS_SECTIONS.indexOf(b));
  return shares;
}

/** Whether every column of the table is on shared memory (so workers can read it without copies). */
export function tableIsShared(table: Table): boolean {
  return table.columns.every((c) => isShared(isNumeric(c) ? c.values : c.codes));
}

/** Column profiles in the table's column order, whichever worker computed them. */
function orderLike(table: Table, profiles: ColumnProfile[]): ColumnProfile[] {
  const at = new Map(table.columns.map((c, i) => [c.name, i]));
  return [...profiles].sort((a, b) => at.get(a.name)! - at.get(b.name)!);
}

/**
 * Runs the profile on two workers, shared out by `planWork`: a table on shared memory reaches both
 * without copies and the cross sections balance the load; otherwise worker 0 gets a copy of every
 * column (for duplicates, correlations, target and PCA) and worker 1 copies of its own columns.
 * Aborting terminates both (rejecting with an `AbortError` DOMException); a crashed worker
 * rejects with a message naming it. The workers stop when a profile ends, returning their copies
 * of the table at once, and start again on the next call.
 */
export class ProfileBridge {
  #queue: Promise<unknown> = Promise.resolve();
  /** The table being profiled, for crash messages. */
  #profiling = '';
  readonly #workers: WorkerBridge<ProfileApi>[];

  constructor(createWorker: () => ProfileWorker = defaultWorker) {
    this.#workers = [1, 2].map((n) => new WorkerBridge<ProfileApi>({
      create: createWorker,
      crashed: (detail) => new Error(`Profile worker ${n} crashed (${detail}) while profiling "${this.#profiling}". Try again; if it repeats, the table may be too large for this browser's memory.`),
      cancelled: 'Profiling was cancelled.',
      idleMs: 0,
    }));
  }

  profile(table: Table, options: ProfileOptions = {}, hooks: ProfileHooks = {}): Promise<Report> {
    const run = this.#queue.then(() => this.#run(table, options, hooks));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Terminates the workers now; the next call starts new ones. */
  dispose(): void {
    for (const w of this.#workers) w.stop();
  }

  async #run(table: Table, options: ProfileOptions, hooks: ProfileHooks): Promise<Report> {
    const { signal } = hooks;
    if (signal?.aborted) throw abortError();
    const start = performance.now();
    this.#profiling = table.name;
    try {
      const shares = planWork(table, tableIsShared(table));
      const total = table.columns.length + CROSS_SECTIONS.length;
      const done = [0, 0];
      let finished = false;
      const progress = (slot: number) => (d: number) => {
        done[slot] = d;
        if (!finished) hooks.onProgress?.(done[0] + done[1], total);
      };
      // Worker 1's share is copied (and sent) first; a worker with cross sections gets every column.
      const names = (slot: number) => new Set(shares[slot].sections.length ? table.columns.map((c) => c.name) : shares[slot].columns);
      const copied1 = copyColumns(table, names(1), signal);
      const parts = [copied1.then(() => copyColumns(table, names(0), signal)), copied1];
      // Both calls last from the start until both workers are done, so a crash of either at any time fails the profile.
      let left = 2;
      let release!: () => void;
      const bothDone = new Promise<void>((r) => (release = r));
      const calls = [0, 1].map((slot) => {
        const share = shares[slot];
        parts[slot].catch(() => undefined);
        return this.#workers[slot].call(async (api, live) => {
          const part = await parts[slot];
          const out = await api.profileWork(transfer(part.table, part.buffers), share.columns, share.sections, options, hooks.onSection && live(hooks.onSection), live(progress(slot)), part.packed);
          if (--left === 0) release();
          await bothDone;
          return out;
        }, signal);
      });
      const [part0, part1] = await Promise.all(calls);
      finished = true;
      hooks.onProgress?.(total, total);
      const cross = { ...part0.cross, ...part1.cross } as CrossSections;
      const columns = orderLike(table, [...part0.columns, ...part1.columns] as ColumnProfile[]);
      return assembleReport({ table: summarizeTable(table), columns, cross, options, profileMs: performance.now() - start });
    } catch (e) {
      // Half a profile is of no use: a failure of either worker stops the other.
      this.dispose();
      if (signal?.aborted) throw abortError();
      throw e;
    }
  }
}
