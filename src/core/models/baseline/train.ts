import type { BaselineModel, TrainData, TrainResult } from '../types';

/** Class priors or the mean of y. */
export function trainBaseline(data: TrainData): TrainResult {
  let output: number[];
  if (data.task === 'regression') {
    let sum = 0;
    for (let i = 0; i < data.n; i++) sum += data.y[i];
    output = [sum / data.n];
  } else {
    output = new Array<number>(data.numClasses).fill(0);
    for (let i = 0; i < data.n; i++) output[data.y[i]] += 1 / data.n;
  }
  const model: BaselineModel = { kind: 'baseline', task: data.task, output };
  return { model, history: [], options: {} };
}
