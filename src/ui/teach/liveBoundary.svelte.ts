import { boundaryBridge } from '../../bridge/boundaryBridge';
import type { BoundaryFrame, BoundaryInput, BoundarySetup } from '../../core/boundary';

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
  /** Aborting it ends the current run: the worker is terminated, the only sure stop for a TF.js loop. */
  #run: AbortController | null = null;
  readonly #bridge = boundaryBridge();

  async start(input: BoundaryInput) {
    this.stop();
    const run = (this.#run = new AbortController());
    this.error = null;
    this.running = true;
    this.epoch = 0;
    this.frames = 0;
    this.latest = null;
    this.setup = null;
    try {
      await this.#bridge.call(
        (api, live) =>
          api.train(
            input,
            live((s: BoundarySetup) => {
              this.setup = s;
            }),
            live((f: BoundaryFrame) => {
              this.latest = f;
              this.frames++;
              this.epoch = f.epoch;
              this.loss = f.loss;
              this.metric = f.metric;
            }),
          ),
        run.signal,
      );
    } catch (error) {
      if (this.#run === run && !run.signal.aborted) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (this.#run === run) this.running = false;
    }
  }

  /** Ends the run at once; the next start begins in a new worker. */
  stop() {
    this.#run?.abort();
    this.#run = null;
    this.running = false;
  }
}
