import type { Remote } from 'comlink';
import scoreWorkerUrl from '../../workers/score.ts?worker&url';
import { portableOf, scorerClassicScript, type BundleInput } from '../core/deploy';
import type { ScoreWorkerApi } from '../../workers/score';
import { WorkerBridge, type Live, type WorkerLike } from './WorkerBridge';

export type { ScoreWorkerApi } from '../../workers/score';

/** A model the worker should be able to score with: its bundle input and a stable id. */
export interface ScorerSpec {
  id: string;
  input: Pick<BundleInput, 'name' | 'version' | 'fitted' | 'model'>;
}

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
 * Owns the score worker: one per set of models (restarted when the set changes), one job at a time,
 * every job cancellable (aborting terminates the worker, the only sure way to stop a long loop; the
 * next job starts a fresh one), crashes turned into rejections.
 */
export class ScoreBridge {
  #key = '';
  #specs: readonly ScorerSpec[] = [];
  #ready: Promise<void> = Promise.resolve();
  #queue: Promise<unknown> = Promise.resolve();
  readonly #bridge = new WorkerBridge<ScoreWorkerApi>({
    create: () => this.#create(),
    crashed: (detail) => new Error(`The score worker stopped (${detail}); it may have run out of memory. Try again; a fresh worker will start.`),
    cancelled: 'The deploy job was cancelled.',
    onStop: () => (this.#key = ''),
  });

  /** Runs `job` in a worker that can score with `specs` (in order: scorer 0, 1, …). */
  run<T>(specs: readonly ScorerSpec[], job: (api: Remote<ScoreWorkerApi>, live: Live) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const run = async () => {
      const key = specs.map((s) => s.id).join('|');
      if (key !== this.#key) {
        this.#bridge.stop();
        this.#specs = specs;
        this.#key = key;
      }
      return this.#bridge.call(async (api, live) => {
        await this.#ready;
        return job(api, live);
      }, signal);
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #create(): WorkerLike {
    const url = URL.createObjectURL(new Blob([workerSource(this.#specs, new URL(scoreWorkerUrl, location.href).href)], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module', name: 'score' });
    // The blob module says when the real worker's module has loaded and listens.
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
    return worker;
  }
}
