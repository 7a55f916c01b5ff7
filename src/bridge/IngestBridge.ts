import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { fromErrorPayload, type ColumnType, type Outcome, type ReadOptions, type ReadProgress, type ReadResult } from '../core/table';
import type { IngestApi } from '../../workers/ingest';

/** Per-call controls: cancellation and progress (bytes read, rows parsed; at most ~10 calls a second). */
export interface IngestCallOptions {
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
}

function abortError(): DOMException {
  return new DOMException('Loading was cancelled.', 'AbortError');
}

/**
 * Owns the ingest worker: one call at a time (queued), abort by terminating the worker (a fresh
 * one starts lazily on the next call), crashes turned into rejections, and worker errors
 * rebuilt as `DataError`s with their details.
 */
export class IngestBridge {
  private worker: Worker | null = null;
  private started = false;
  private api: Remote<IngestApi> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private crash: ((error: Error) => void) | null = null;
  /** The last file loaded, so `retype` still works after an abort restarted the worker. */
  private last: { file: File; options: ReadOptions; inWorker: boolean } | null = null;

  /**
   * With `warm` (the default, in a browser) the worker and its CSV helper start in a task of their
   * own right away: a file chosen later no longer waits for their start-up (about 50 ms of a load).
   * After `dispose` the next call starts a fresh worker as before.
   */
  constructor({ warm = true }: { warm?: boolean } = {}) {
    if (warm && typeof Worker === 'function') setTimeout(() => this.started || this.ensure());
  }

  /** Reads a file into a table in the worker; the table's buffers are transferred, not copied. */
  load(file: File, options: ReadOptions, opts: IngestCallOptions = {}): Promise<ReadResult> {
    return this.enqueue(opts, async (api, onProgress) => {
      this.last = { file, options, inWorker: true };
      return api.load(file, options, onProgress);
    });
  }

  /** Re-reads the last loaded file with new type overrides. */
  retype(overrides: Record<string, ColumnType>, opts: IngestCallOptions = {}): Promise<ReadResult> {
    return this.enqueue(opts, async (api, onProgress) => {
      const last = this.last;
      if (!last) throw new Error('No file is loaded yet; load a file before changing column types.');
      last.options = { ...last.options, typeOverrides: overrides };
      if (last.inWorker) return api.retype(overrides, onProgress);
      last.inWorker = true;
      return api.load(last.file, last.options, onProgress);
    });
  }

  /** Starts the worker ahead of the first load (e.g. when the Data stage opens), hiding its start-up time. */
  warm(): void {
    this.ensure();
  }

  /** Stops the worker; later calls start a new one. */
  dispose(): void {
    this.stop();
  }

  private ensure(): Remote<IngestApi> {
    if (this.api) return this.api;
    this.started = true;
    const worker = new Worker(new URL('../../workers/ingest.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.crash?.(new Error(`The data-loading worker crashed (${event.message || 'no message'}). The file was not loaded; try again, or reload the page.`));
      this.stop();
    });
    worker.addEventListener('messageerror', () => {
      this.crash?.(new Error('The data-loading worker sent a message that could not be read. Try again, or reload the page.'));
      this.stop();
    });
    this.worker = worker;
    this.api = wrap<IngestApi>(worker);
    return this.api;
  }

  private stop(): void {
    if (this.api) this.api[releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    if (this.last) this.last.inWorker = false;
  }

  private enqueue(
    opts: IngestCallOptions,
    call: (api: Remote<IngestApi>, onProgress: ((p: ReadProgress) => void) | undefined) => Promise<Outcome<ReadResult>>,
  ): Promise<ReadResult> {
    const run = () => this.run(opts, call);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private run(
    { signal, onProgress }: IngestCallOptions,
    call: (api: Remote<IngestApi>, onProgress: ((p: ReadProgress) => void) | undefined) => Promise<Outcome<ReadResult>>,
  ): Promise<ReadResult> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<ReadResult>((resolve, reject) => {
      let settled = false;
      const finish = () => {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        this.crash = null;
      };
      const onAbort = () => {
        if (settled) return;
        finish();
        this.stop();
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort);
      this.crash = (error) => {
        if (settled) return;
        finish();
        reject(error);
      };
      const api = this.ensure();
      call(api, onProgress ? proxy(onProgress) : undefined).then(
        (outcome) => {
          if (settled) return;
          finish();
          if (outcome.ok) resolve(outcome.value);
          else reject(fromErrorPayload(outcome.error));
        },
        (error: unknown) => {
          if (settled) return;
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}
