import type { ModelMeta } from '../options';
import { loopOptions } from '../mlp/meta';

export const logisticMeta: ModelMeta = {
  kind: 'logistic',
  label: 'Logistic regression',
  description: 'A linear model of the log-odds: sigmoid for two classes, softmax for more, with an L2 penalty. Fitted with Adam.',
  tasks: ['binary', 'multiclass'],
  options: loopOptions({ epochs: 300, batchSize: 64, learningRate: 0.01, l2: 1e-4, patience: 20 }),
  searchable: ['learningRate', 'l2'],
};
