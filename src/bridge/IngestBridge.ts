import type { ColumnType, ReadOptions, ReadProgress, ReadResult } from '../core/table';
import type { IngestApi } from '../../workers/ingest';
import { WorkerBridge } from './WorkerBridge';

/** Per-call controls: cancellation and progress (bytes read, rows parsed; at most ~10 calls a second). */
export interface IngestCallOptions {
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
}

/**
 * The ingest worker: one call at a time, abort by terminating it, errors arriving as the
 * `DataError`s they were. The worker stops as soon as a load ends, which returns the parse's
 * garbage at once; a later call starts a fresh one, and `retype` re-reads the file it remembers.
 */
export class IngestBridge {
  /** The last file loaded, so `retype` still works after the worker stopped. */
  #last: { file: File; options: ReadOptions; inWorker: boolean } | null = null;
  readonly #bridge = new WorkerBridge<IngestApi>({
    create: () => new Worker(new URL('../../workers/ingest.ts', import.meta.url), { type: 'module' }),
    crashed: (detail) => new Error(`The data-loading worker crashed (${detail}). The file was not loaded; try again, or reload the page.`),
    cancelled: 'Loading was cancelled.',
    idleMs: 0,
    onStop: () => {
      if (this.#last) this.#last.inWorker = false;
    },
  });

  /**
   * With `warm` (the default, in a browser) the worker and its CSV helper start in a task of their
   * own right away: a file chosen later no longer waits for their start-up (about 50 ms of a load).
   */
  constructor({ warm = true }: { warm?: boolean } = {}) {
    if (warm && typeof Worker === 'function') setTimeout(() => this.#bridge.start());
  }

  /** Reads a file into a table in the worker; the table's buffers are transferred, not copied. */
  load(file: File, options: ReadOptions, { signal, onProgress }: IngestCallOptions = {}): Promise<ReadResult> {
    return this.#bridge.call((api, live) => {
      this.#last = { file, options, inWorker: true };
      return api.load(file, options, onProgress && live(onProgress));
    }, signal);
  }

  /** Re-reads the last loaded file with new type overrides. */
  retype(overrides: Record<string, ColumnType>, { signal, onProgress }: IngestCallOptions = {}): Promise<ReadResult> {
    return this.#bridge.call(async (api, live) => {
      const last = this.#last;
      if (!last) throw new Error('No file is loaded yet; load a file before changing column types.');
      last.options = { ...last.options, typeOverrides: overrides };
      const progress = onProgress && live(onProgress);
      if (last.inWorker) return api.retype(overrides, progress);
      last.inWorker = true;
      return api.load(last.file, last.options, progress);
    }, signal);
  }
}
