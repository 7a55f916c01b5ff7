/**
 * A network's predictions for explanations, which predict hundreds of thousands of slightly
 * changed rows, often in small batches where TF.js's per-call overhead (and, on a GPU, the read
 * back) costs more than the arithmetic: the first layer in plain loops, the rest by `denseTail`.
 */
import type { PredictFn } from '../../evaluate';
import type { NetworkModel } from '../types';
import { firstLayer, readDenseNet, type DenseNet } from './denseNet';
import { denseTail } from './denseTail';

/** The predictions of `net` as `predictAsync` gives them (binary: both class columns). */
export function netForward(net: DenseNet): PredictFn {
  const tail = denseTail(net);
  return (X, n) => tail.run(firstLayer(net, X, n), n);
}

/** The network's predictions as `predictAsync` gives them, or null when it has other layers than dense ones. */
export async function denseForward(model: NetworkModel): Promise<PredictFn | null> {
  const net = await readDenseNet(model);
  return net ? netForward(net) : null;
}
