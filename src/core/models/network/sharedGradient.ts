/**
 * Two threads on one batch: the training loop computes the gradient of the batch's first half
 * while a helper (a worker with its own WASM backend) computes the second half's, through shared
 * memory and Atomics. A batch is always computed as these two halves when the run is large enough
 * (`splitsBatches`), whether or not a helper runs, so a helper that is missing, still starting or
 * dead changes the speed and never the result: the loop then computes the second half itself.
 *
 * The environment supplies the helper (a nested Worker in the studio, worker_threads in Node)
 * through `setGradientHelperFactory`; everything else here is plain TypeScript.
 */
import * as tf from '@tensorflow/tfjs';
import { createWasmDense, type HostRows, type WasmDenseSpec } from './wasmDense';
import { tensorView, writeTensor } from './wasmKernels';

/** Training rows from which batches are split in two (a helper costs ~0.2 s to start). */
export const SPLIT_MIN_TRAIN_ROWS = 20_000;
/**
 * Batches below this many rows are not split: each product's fixed cost (XNNPACK packs the
 * right-hand operand anew every call) made halves of 64 rows cost 2/3 of a whole 128-row batch.
 */
export const SPLIT_MIN_BATCH_ROWS = 256;
/** A helper that has not answered in this long is taken for dead and not asked again. */
const HELPER_TIMEOUT_MS = 10_000;

/** The dropout seeds of a batch's second half, one per hidden layer, from the one the loop drew for it. */
export function seedsFrom(base: number): () => number {
  let i = 0;
  return () => base + i++;
}

/** Whether batches of a run with `trainRows` rows and this batch size are computed as two halves. */
export function splitsBatches(trainRows: number, batchSize: number): boolean {
  return trainRows >= SPLIT_MIN_TRAIN_ROWS && batchSize >= SPLIT_MIN_BATCH_ROWS;
}

// ctrl slots
const REQUEST = 0; // sequence number of the latest request; −1 asks the helper to stop
const DONE = 1; // sequence number of the latest answer
const ROWS = 2; // rows in the latest request
const STATE = 3; // HELPER_*
const HELPER_STARTING = 0;
const HELPER_READY = 1;
const HELPER_FAILED = 2;
// scalars slots
const DIVISOR = 0;
const SEED = 1;
const WATCH = 2;

/** What a helper is started with: structured-cloneable (shared buffers and the layer layout). */
export interface GradientHelperInit {
  spec: WasmDenseSpec;
  inputs: number;
  outputs: number;
  weighted: boolean;
  ctrl: SharedArrayBuffer;
  scalars: SharedArrayBuffer;
  params: SharedArrayBuffer;
  grad: SharedArrayBuffer;
  x: SharedArrayBuffer;
  y: SharedArrayBuffer;
  w: SharedArrayBuffer;
}

/** Starts a helper running `serveGradientHelper(init)`; `stop` ends it. Null when none can start. */
export type GradientHelperFactory = (init: GradientHelperInit) => { stop(): void } | null;

let factory: GradientHelperFactory | null = null;

/** Set once by the environment (the train worker, the CLI); without one every batch's halves run on the loop's thread. */
export function setGradientHelperFactory(f: GradientHelperFactory | null): void {
  factory = f;
}

function shared(bytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(8, Math.ceil(bytes / 8) * 8));
}

/** The loop's side: asks for the second half, and collects it (or null when the helper cannot answer). */
export interface GradientHelperPort {
  /** Sends rows of the batch's second half; false when no helper is ready to take them. */
  request(rows: HostRows, params: tf.Variable, seed: number, divisor: number): boolean;
  /** The helper's gradient (a view of shared memory) and check value, or null when it did not answer. */
  collect(): { grad: Float32Array; watch: number } | null;
  /** Requests answered so far. */
  answered(): number;
  stop(): void;
}

/** Starts a helper for `spec` when the environment offers one and memory can be shared; null otherwise. */
export function startGradientHelper(spec: WasmDenseSpec, inputs: number, outputs: number, weighted: boolean): GradientHelperPort | null {
  if (!factory || typeof SharedArrayBuffer === 'undefined' || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return null;
  const half = Math.ceil(spec.batchSize / 2);
  const init: GradientHelperInit = {
    spec, inputs, outputs, weighted,
    ctrl: shared(4 * 4), scalars: shared(8 * 4), params: shared(4 * spec.size), grad: shared(4 * spec.size),
    x: shared(4 * half * inputs), y: shared(4 * half * outputs), w: shared(4 * half),
  };
  let handle: { stop(): void } | null = null;
  try {
    handle = factory(init);
  } catch {
    handle = null;
  }
  if (!handle) return null;
  const ctrl = new Int32Array(init.ctrl);
  const scalars = new Float64Array(init.scalars);
  const [params, grad, x, y, w] = [init.params, init.grad, init.x, init.y, init.w].map((b) => new Float32Array(b));
  let seq = 0;
  let dead = false;
  return {
    request(rows, weights, seed, divisor) {
      if (dead || Atomics.load(ctrl, STATE) !== HELPER_READY) return false;
      params.set(tensorView(weights));
      x.set(rows.x.subarray(0, rows.m * inputs));
      y.set(rows.y.subarray(0, rows.m * outputs));
      if (rows.w) w.set(rows.w.subarray(0, rows.m));
      ctrl[ROWS] = rows.m;
      scalars[DIVISOR] = divisor;
      scalars[SEED] = seed;
      Atomics.store(ctrl, REQUEST, ++seq);
      Atomics.notify(ctrl, REQUEST);
      return true;
    },
    collect() {
      const deadline = performance.now() + HELPER_TIMEOUT_MS;
      while (Atomics.load(ctrl, DONE) !== seq) {
        if (Atomics.load(ctrl, STATE) === HELPER_FAILED || performance.now() > deadline) {
          dead = true;
          return null;
        }
        // In slices: Node's V8 has been seen to sleep through a notify (the tree helper lost three
        // in one forest run), and a slice bounds what a lost wake-up costs to 2 ms, not the timeout.
        Atomics.wait(ctrl, DONE, seq - 1, 2);
      }
      return { grad, watch: scalars[WATCH] };
    },
    answered: () => Atomics.load(ctrl, DONE),
    stop() {
      dead = true;
      Atomics.store(ctrl, REQUEST, -1);
      Atomics.notify(ctrl, REQUEST);
      handle!.stop();
    },
  };
}

/**
 * The helper's side, run inside the helper once its WASM backend is active: answers requests
 * until told to stop. Blocks its thread (Atomics.wait) between requests.
 */
export function serveGradientHelper(init: GradientHelperInit): void {
  const ctrl = new Int32Array(init.ctrl);
  const scalars = new Float64Array(init.scalars);
  const [params, grad, x, y, w] = [init.params, init.grad, init.x, init.y, init.w].map((b) => new Float32Array(b));
  const dense = createWasmDense(init.spec, 'relu');
  if (!dense) {
    Atomics.store(ctrl, STATE, HELPER_FAILED);
    return;
  }
  const weights = tf.variable(tf.zeros([init.spec.size]), false);
  Atomics.store(ctrl, STATE, HELPER_READY);
  let last = 0;
  try {
    for (;;) {
      // In slices, for the same lost wake-ups (see `collect`).
      Atomics.wait(ctrl, REQUEST, last, 20);
      const seq = Atomics.load(ctrl, REQUEST);
      if (seq < 0) return;
      if (seq === last) continue;
      const m = ctrl[ROWS];
      writeTensor(weights, params);
      const watch = dense.gradient({ x: x.subarray(0, m * init.inputs), y: y.subarray(0, m * init.outputs), w: init.weighted ? w.subarray(0, m) : null, m },
        weights, seedsFrom(scalars[SEED]), scalars[DIVISOR]);
      grad.set(dense.gradientView());
      scalars[WATCH] = watch;
      last = seq;
      Atomics.store(ctrl, DONE, seq);
      Atomics.notify(ctrl, DONE);
    }
  } catch {
    Atomics.store(ctrl, STATE, HELPER_FAILED);
    Atomics.notify(ctrl, DONE);
  } finally {
    weights.dispose();
    dense.dispose();
  }
}
