import { proxy, wrap, type Remote } from 'comlink';
import type { BoundaryFrame, BoundaryInput, BoundarySetup, BoundaryWorkerApi } from '../../../workers/boundary';

/**
 * The live decision-boundary run: owns the boundary worker, keeps the latest frame for the canvas
 * (outside Svelte's reactivity: the canvas reads it on the next animation frame) and exposes the
 * figures the page prints as state.
 */
export class LiveBoundary {
  running = $state(false);
  epoch = $state(0);
  loss = $state(NaN);
  metric = $state(NaN);
  error = $state<string | null>(null);
  setup = $state.raw<BoundarySetup | null>(null);
  /** The newest frame not yet drawn; the canvas takes it and sets it back to null. */
  latest: BoundaryFrame | null = null;
  /** Frames received in this run (for the frame-rate figure). */
  frames = 0;
  #worker: Worker | null = null;
  #api: Remote<BoundaryWorkerApi> | null = null;

  async start(input: BoundaryInput) {
    this.stop();
    const api = this.#ensure();
    this.error = null;
    this.running = true;
    this.epoch = 0;
    this.frames = 0;
    this.latest = null;
    this.setup = null;
    try {
      await api.train(
        input,
        proxy((s: BoundarySetup) => {
          this.setup = s;
        }),
        proxy((f: BoundaryFrame) => {
          this.latest = f;
          this.frames++;
          this.epoch = f.epoch;
          this.loss = f.loss;
          this.metric = f.metric;
        }),
      );
    } catch (error) {
      if (this.#api === api) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (this.#api === api) this.running = false;
    }
  }

  /** Ends the run at once: the worker is terminated (the only sure stop for a TF.js loop) and restarted on the next start. */
  stop() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
    this.running = false;
  }

  #ensure(): Remote<BoundaryWorkerApi> {
    if (this.#api) return this.#api;
    const worker = new Worker(new URL('../../../workers/boundary.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.error = `The boundary worker stopped (${event.message || 'no message'}). Start it again.`;
      this.stop();
    });
    this.#worker = worker;
    this.#api = wrap<BoundaryWorkerApi>(worker);
    return this.#api;
  }
}
