import { wrap, type Remote } from 'comlink';
import scoreWorkerUrl from '../../workers/score.ts?worker&url';
import { portableOf, scorerClassicScript, type BundleInput } from '../core/deploy';
import type { ScoreWorkerApi } from '../../workers/score';

export type { ScoreWorkerApi, LatencyRequest } from '../../workers/score';

/** A model the worker should be able to score with: its bundle input and a stable id. */
export interface ScorerSpec {
  id: string;
  input: Pick<BundleInput, 'name' | 'version' | 'fitted' | 'model'>;
}

const abortError = () => new DOMException('The deploy job was cancelled.', 'AbortError');

/**
 * The body of the worker's blob: module. Each model's scorer runs as the classic script scorer.mjs
 * ships with (no eval: a worker's own script is allowed by `worker-src blob:`), then the real score
 * worker is imported from the app's origin (allowed by `script-src 'self'`).
 */
export function workerSource(specs: readonly ScorerSpec[], workerUrl: string): string {
  const parts = ['globalThis.ModelbenchScorers = [];'];
  for (const spec of specs) {
    let script: string | null = null;
    try {
      script = scorerClassicScript(spec.input.fitted, portableOf(spec.input), { name: spec.input.name, version: spec.input.version });
    } catch {
      // A recipe the portable scorer cannot reproduce (a derive step): the worker reports it when asked to score.
    }
    parts.push(script ? `${script}\nglobalThis.ModelbenchScorers.push(globalThis.ModelbenchScorer);` : 'globalThis.ModelbenchScorers.push(null);');
  }
  parts.push(`await import(${JSON.stringify(workerUrl)});`);
  return parts.join('\n');
}

/**
 * Owns the score worker: one per set of models (restarted when the set changes), every call
 * cancellable (aborting terminates the worker, the only sure way to stop a long loop; the next call
 * starts a fresh one), crashes turned into rejections.
 */
export class ScoreBridge {
  #worker: Worker | null = null;
  #api: Remote<ScoreWorkerApi> | null = null;
  #key = '';
  #ready: Promise<void> | null = null;
  #crash: ((e: Error) => void) | null = null;

  /** Runs `job` in a worker that can score with `specs` (in order: scorer 0, 1, …). */
  async run<T>(specs: readonly ScorerSpec[], job: (api: Remote<ScoreWorkerApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const key = specs.map((s) => s.id).join('|');
    if (key !== this.#key || !this.#worker) this.#start(specs, key);
    const api = this.#api!;
    let onAbort = () => {};
    const stopped = new Promise<never>((_, reject) => {
      this.#crash = reject;
      onAbort = () => {
        this.stop();
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([this.#ready, stopped]);
      return await Promise.race([job(api), stopped]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Terminates the worker (a later call starts a new one). */
  stop() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    this.#key = '';
  }

  #start(specs: readonly ScorerSpec[], key: string) {
    this.stop();
    const url = URL.createObjectURL(new Blob([workerSource(specs, new URL(scoreWorkerUrl, location.href).href)], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module', name: 'score' });
    this.#ready = new Promise<void>((resolve) => {
      const listen = (e: MessageEvent) => {
        if ((e.data as { modelbenchScoreReady?: boolean } | null)?.modelbenchScoreReady) {
          worker.removeEventListener('message', listen);
          URL.revokeObjectURL(url);
          resolve();
        }
      };
      worker.addEventListener('message', listen);
    });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      const message = e.message || 'The score worker stopped unexpectedly (it may have run out of memory).';
      if (this.#worker === worker) this.stop();
      this.#crash?.(new Error(`${message} Try again; a fresh worker will start.`));
    });
    this.#worker = worker;
    this.#api = wrap<ScoreWorkerApi>(worker);
    this.#key = key;
  }
}
