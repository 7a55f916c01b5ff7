/** The check both dense-step test files make: a step's hand-derived gradient against TF.js autodiff of the loop's loss. */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { Network } from '../../../../../src/core/models/network/build';
import type { DenseStep } from '../../../../../src/core/models/network/denseStep';
import type { Task } from '../../../../../src/core/recipe';

const EPS = 1e-7;

/** The loss the tape path minimises (loop.ts's rowLoss, row-weighted mean, plus l2 · Σ kernel²), written independently. */
function referenceLoss(p: tf.Tensor, y: tf.Tensor, w: tf.Tensor | null, task: Task, kernels: tf.Tensor[], l2: number): tf.Scalar {
  let rows: tf.Tensor;
  if (task === 'regression') rows = p.sub(y).square().sum(1);
  else {
    const q = p.clipByValue(EPS, 1 - EPS);
    rows = task === 'binary' ? y.mul(q.log()).add(tf.sub(1, y).mul(tf.sub(1, q).log())).neg().sum(1) : y.mul(q.log()).sum(1).neg();
  }
  const data = (w ? rows.mul(w.reshape([-1])) : rows).mean();
  return (l2 > 0 ? data.add(tf.addN(kernels.map((k) => k.square().sum())).mul(l2)) : data) as tf.Scalar;
}

/** n seeded rows of `d` features; targets for `task` with `k` outputs; optional row weights. */
export function fixture(task: Task, n: number, d: number, k: number, weighted: boolean) {
  const x = tf.randomNormal([n, d], 0, 1, 'float32', 1) as tf.Tensor2D;
  const y = tf.tidy(() => {
    if (task === 'regression') return tf.randomNormal([n, k], 0, 1, 'float32', 2);
    if (task === 'binary') return tf.randomUniform([n, 1], 0, 1, 'float32', 2).round();
    return tf.oneHot(tf.randomUniform([n], 0, k, 'int32', 2), k).toFloat();
  }) as tf.Tensor2D;
  const w = weighted ? (tf.randomUniform([n, 1], 0.5, 2, 'float32', 4) as tf.Tensor2D) : null;
  return { x, y, w };
}

/** Expects `step`'s gradient on 23 fixture rows to match autodiff within 1e-5 of the largest entry; disposes what it made. */
export function expectAutodiffGradient(step: DenseStep, net: Network, vars: tf.Variable[], task: Task, k: number, l2: number, weighted: boolean): void {
  const { x, y, w } = fixture(task, 23, net.dense[0].trainableWeights[0].shape[0]!, k, weighted);
  const [ours, ref] = tf.tidy(() => {
    const { g } = step.gradient(x, y, w, () => 0);
    const kernels = net.dense.map((l) => l.trainableWeights[0].read());
    const { grads } = tf.variableGrads(() => referenceLoss(net.model.apply(x) as tf.Tensor, y, w, task, kernels, l2), vars);
    return [g.arraySync(), tf.concat(vars.map((v) => grads[v.name].reshape([-1]))).arraySync() as number[]];
  });
  expect(ours).toHaveLength(ref.length);
  const scale = Math.max(...ref.map(Math.abs));
  ours.forEach((v, i) => expect(Math.abs(v - ref[i])).toBeLessThan(1e-5 * scale + 1e-7));
  tf.dispose([x, y, ...(w ? [w] : [])]);
}
