import type { ModelMeta } from '../options';
import { loopOptions } from '../mlp/meta';

export const logisticMeta: ModelMeta = {
  kind: 'logistic',
  label: 'Logistic regression',
  description: 'A linear model of the log-odds: sigmoid for two classes, softmax for more, with an L2 penalty. Fitted with Adam in mini-batches, or by L-BFGS over all rows at once.',
  tasks: ['binary', 'multiclass'],
  options: [
    {
      name: 'solver',
      label: 'Solver',
      type: 'choice',
      default: 'adam',
      choices: ['adam', 'lbfgs'],
      choiceLabels: { adam: 'Adam (mini-batches, early stopping)', lbfgs: 'L-BFGS (all rows, to convergence)' },
      help: 'L-BFGS minimises the penalised loss over every training row, as scikit-learn does by default; it reads the L2 penalty, class weights and maximum epochs (as iterations), and is fastest on wide sparse features such as words.',
    },
    ...loopOptions({ epochs: 300, batchSize: 64, learningRate: 0.01, l2: 1e-4, patience: 20 }),
  ],
  searchable: ['learningRate', 'l2'],
};
