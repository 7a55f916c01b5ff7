/**
 * The live decision-boundary service: trains a small network on one or two raw features and, after
 * every epoch, predicts a grid so the page can redraw the class regions (or the fitted curve) as
 * the model learns. It is a teaching view beside the real training run: a deliberately small
 * network (2 × 16 tanh, full-batch Adam) on the CPU backend that never touches the user's recipe.
 * It runs its own loop because the registry's `trainModel` hands the model out only at the end,
 * and this view needs to predict with it after every epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { deliveries } from '../thread';
import { classCells, classCodes, extentOf, gridMatrix, moments, standardMatrix, usableRows, type Extent } from './boundaryGrid';

export interface BoundaryInput {
  /** One feature (regression curve) or two (classification regions); NaN marks missing. */
  features: Float64Array[];
  /**
   * Classification: codes of a string column (−1 = missing, with `classNames`) or numeric labels
   * (NaN = missing). Regression: values (NaN = missing).
   */
  target: Int32Array | Float64Array;
  /** The dictionary of a string target. */
  classNames?: string[];
  task: 'classification' | 'regression';
  /** Cells per side of the grid (two features) or points along the curve (one). Default 60. */
  size?: number;
  /** Default 200. */
  epochs?: number;
  /** Seeds the initial weights. Default 0. */
  seed?: number;
  /** Least milliseconds per epoch, so presenter mode can slow the animation down. Default 0. */
  frameMs?: number;
}

/** What the page draws once per epoch. */
export interface BoundaryFrame {
  epoch: number;
  loss: number;
  /** Training accuracy (classification) or RMSE in the target's units (regression). */
  metric: number;
  /** Classification: winning class per cell, row-major, top row first. */
  cls?: Uint8Array;
  /** Classification: confidence per cell, 0–255. */
  conf?: Uint8Array;
  /** Regression: predicted value at each of `size` points along the feature. */
  curve?: Float32Array;
}

/** The points to draw and the axes, sent once before the first frame. */
export interface BoundarySetup {
  extents: Extent[];
  /** Raw feature values of the drawn rows, one array per feature. */
  points: Float32Array[];
  /** Class code or target value of each drawn row. */
  labels: Float32Array;
  /** Target range (regression), for the y axis. */
  targetExtent?: Extent;
  size: number;
  rows: number;
  /** Class names in code order (classification). */
  classes: string[];
}

const UNITS = 16;
const LEARNING_RATE = 0.03;

function network(d: number, out: number, seed: number, classification: boolean): tf.Sequential {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed * 7 + s });
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [d], units: UNITS, activation: 'tanh', kernelInitializer: init(1) }),
      tf.layers.dense({ units: UNITS, activation: 'tanh', kernelInitializer: init(2) }),
      tf.layers.dense({ units: out, activation: classification ? 'softmax' : 'linear', kernelInitializer: init(3) }),
    ],
  });
}

export function createBoundaryService() {
  let ready: Promise<unknown> | null = null;
  let run = 0;

  return {
    /**
     * Trains and streams one frame per epoch through `onFrame`; resolves with the number of epochs
     * run (fewer when a later call took over). Rejects when fewer than 4 rows have all values.
     */
    async train(input: BoundaryInput, onSetup: (s: BoundarySetup) => void, onFrame: (f: BoundaryFrame) => void): Promise<{ epochs: number }> {
      // The last frames must reach the page before the result does (they travel on ports of their own).
      const sent = deliveries();
      onSetup = sent.track(onSetup)!;
      onFrame = sent.track(onFrame)!;
      ready ??= tf.setBackend('cpu').then(() => tf.ready());
      await ready;
      const id = ++run;
      const size = input.size ?? 60;
      const epochs = input.epochs ?? 200;
      const classification = input.task === 'classification';
      const coded = classification ? classCodes(input.target, input.classNames) : null;
      const target = coded ? coded.codes : input.target;
      const missing = classification ? (v: number) => v < 0 : (v: number) => !Number.isFinite(v);
      const rows = usableRows(input.features, target, missing);
      if (rows.length < 4) throw new Error(`Only ${rows.length} rows have values for the chosen features and the target; choose other features.`);
      const m = input.features.map((f) => moments(f, rows));
      const extents = input.features.map((f) => extentOf(f, rows));
      const labels = Float32Array.from(rows, (r) => target[r]);
      const tm = classification ? { mean: 0, sd: 1 } : moments(input.target as Float64Array, rows);
      onSetup({
        extents,
        points: input.features.map((f) => Float32Array.from(rows, (r) => f[r])),
        labels,
        targetExtent: classification ? undefined : extentOf(input.target as Float64Array, rows),
        size,
        rows: rows.length,
        classes: coded?.classes ?? [],
      });

      const d = input.features.length;
      const k = classification ? Math.max(2, coded!.classes.length, ...labels.map((v) => v + 1)) : 1;
      const cells = d === 1 ? size : size * size;
      const model = network(d, k, input.seed ?? 0, classification);
      const optimizer = tf.train.adam(LEARNING_RATE);
      const xs = tf.tensor2d(standardMatrix(input.features, rows, m), [rows.length, d]);
      const ys = classification
        ? tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), k).toFloat()
        : tf.tensor2d(Float32Array.from(labels, (v) => (v - tm.mean) / tm.sd), [rows.length, 1]);
      const grid = tf.tensor2d(gridMatrix(size, extents, m), [cells, d]);
      let done = 0;
      try {
        for (let epoch = 1; epoch <= epochs && run === id; epoch++) {
          const started = performance.now();
          const lossT = optimizer.minimize(() => {
            const p = model.apply(xs) as tf.Tensor;
            return classification ? tf.losses.softmaxCrossEntropy(ys, tf.log(tf.clipByValue(p, 1e-7, 1))) : tf.losses.meanSquaredError(ys, p);
          }, true)!;
          const loss = (await lossT.data())[0];
          lossT.dispose();
          const [fit, probs] = tf.tidy(() => {
            const p = model.predict(xs) as tf.Tensor;
            const metric = classification
              ? tf.mean(tf.equal(tf.argMax(p, 1), tf.argMax(ys, 1)).toFloat())
              : tf.sqrt(tf.mean(tf.square(tf.sub(p, ys)))).mul(tm.sd);
            return [metric, model.predict(grid) as tf.Tensor];
          });
          const metric = (await fit.data())[0];
          const values = (await probs.data()) as Float32Array;
          fit.dispose();
          probs.dispose();
          if (!Number.isFinite(loss)) throw new Error(`The loss became ${loss} at epoch ${epoch}; choose features without extreme values.`);
          const frame: BoundaryFrame = { epoch, loss, metric };
          if (classification) Object.assign(frame, classCells(values, cells, k));
          else frame.curve = Float32Array.from(values, (v) => v * tm.sd + tm.mean);
          onFrame(frame);
          done = epoch;
          // Yielding lets a later call in; presenter mode also waits here so each frame lasts long enough to see.
          const wait = Math.max(0, (input.frameMs ?? 0) - (performance.now() - started));
          await new Promise((r) => setTimeout(r, wait));
        }
      } finally {
        tf.dispose([xs, ys, grid]);
        model.dispose();
        optimizer.dispose();
      }
      await sent.flush();
      return { epochs: done };
    },
  };
}
