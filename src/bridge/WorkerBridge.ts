import { expose, proxy, releaseProxy, transferHandlers, wrap, type Endpoint, type Remote, type TransferHandler } from 'comlink';
import { registerErrorTransfer } from '../core/thread';

/** A worker as a bridge needs it: a Comlink endpoint that can fail and be terminated (tests pass a fake). */
export interface WorkerLike extends Endpoint {
  terminate(): void;
}

export interface WorkerBridgeOptions<T> {
  /** Starts a worker: lazily on the first call, and again after every stop. */
  create: () => WorkerLike;
  /** The error a running call gets when the worker dies; `detail` is the browser's message (or "no message"). */
  crashed: (detail: string) => Error;
  /** Message of the `AbortError` a cancelled call rejects with. Default "The job was cancelled." */
  cancelled?: string;
  /** Milliseconds without a call after which the worker is stopped, returning its heap. Default: kept. */
  idleMs?: number;
  /** Runs on each new worker before its first message (e.g. to repeat a pause). */
  onStart?: (api: Remote<T>) => void;
  /** Runs whenever the worker stops, so what the caller knows about it (a table sent) is forgotten. */
  onStop?: () => void;
}

/** Wraps a callback for the worker: proxied, ignored once the call has ended, and its port closed then. */
export type Live = <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => void;

// Comlink keeps the page's end of a proxied callback open for ever; noting it lets a call close it.
const ports = new WeakMap<object, MessagePort[]>();
const comlinkProxy = transferHandlers.get('proxy')!;
transferHandlers.set('proxy', {
  ...comlinkProxy,
  serialize(obj: object) {
    const { port1, port2 } = new MessageChannel();
    expose(obj, port1);
    ports.set(obj, [...(ports.get(obj) ?? []), port1]);
    return [port2, [port2]];
  },
} as TransferHandler<unknown, unknown>);
registerErrorTransfer();

/**
 * Owns one worker's life: lazy start, one call at a time (queued), cancellation by terminating
 * the worker (the only sure way to stop a TF.js loop), crashes and unreadable messages turned
 * into rejections, callback ports closed when a call ends, and an idle shutdown.
 */
export class WorkerBridge<T> {
  #worker: WorkerLike | null = null;
  #api: Remote<T> | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #fail: ((e: Error) => void) | null = null;
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WorkerBridgeOptions<T>) {}

  /** The worker's api if one is running; for messages that must not wait in the queue (pause, memory). */
  get running(): Remote<T> | null {
    return this.#api;
  }

  /** Starts the worker now (hiding its start-up from the first call) and returns its api. */
  start(): Remote<T> {
    if (this.#api) return this.#api;
    const worker = this.options.create();
    const fail = (detail: string) => {
      if (this.#worker !== worker) return;
      this.#fail?.(this.options.crashed(detail));
      this.stop();
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      fail((event as ErrorEvent).message || 'no message');
    });
    worker.addEventListener('messageerror', () => fail('it sent a message that could not be read'));
    this.#worker = worker;
    this.#api = wrap<T>(worker);
    this.options.onStart?.(this.#api);
    return this.#api;
  }

  /** Runs `job` once the calls before it have ended. Aborting `signal` terminates the worker and rejects with an `AbortError`. */
  call<R>(job: (api: Remote<T>, live: Live) => Promise<R>, signal?: AbortSignal): Promise<R> {
    const run = () => this.#run(job, signal);
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Terminates the worker (a running call rejects with an `AbortError`); the next call starts a new one. */
  stop(): void {
    this.#fail?.(this.#abortError());
    clearTimeout(this.#idle);
    if (this.#api) this.#api[releaseProxy]();
    this.#worker?.terminate();
    const had = this.#worker !== null;
    this.#worker = null;
    this.#api = null;
    if (had) this.options.onStop?.();
  }

  #abortError = () => new DOMException(this.options.cancelled ?? 'The job was cancelled.', 'AbortError');

  #run<R>(job: (api: Remote<T>, live: Live) => Promise<R>, signal?: AbortSignal): Promise<R> {
    if (signal?.aborted) return Promise.reject(this.#abortError());
    clearTimeout(this.#idle);
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const callbacks: object[] = [];
      const settle = (end: () => void) => {
        if (settled) return;
        settled = true;
        this.#fail = null;
        signal?.removeEventListener('abort', onAbort);
        for (const f of callbacks) for (const port of ports.get(f) ?? []) port.close();
        end();
        if (this.options.idleMs !== undefined) this.#idle = setTimeout(() => this.stop(), this.options.idleMs);
      };
      const onAbort = () => this.stop();
      this.#fail = (e) => settle(() => reject(e));
      signal?.addEventListener('abort', onAbort);
      const live: Live = (f) => {
        const p = proxy((...a: Parameters<typeof f>) => void (settled || f(...a)));
        callbacks.push(p);
        return p;
      };
      try {
        job(this.start(), live).then((v) => settle(() => resolve(v)), (e: unknown) => settle(() => reject(e)));
      } catch (e) {
        settle(() => reject(e));
      }
    });
  }
}
