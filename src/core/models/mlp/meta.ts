import type { ModelMeta, OptionMeta } from '../options';
import { formatCount } from '../../format';

/**
 * The automatic batch size (option value 0): `small` rows, or `large` from `largeFrom` training
 * rows, where each batch splits into halves of 128 rows that run on two threads on WASM (see
 * network/sharedGradient.ts) and an epoch has thousands of updates anyway.
 */
export const AUTO_BATCH = { small: 128, large: 256, largeFrom: 20_000 } as const;

/** Rows per batch for a requested size (0 = automatic) and a training set of `trainRows` rows. */
export function batchRows(requested: number, trainRows: number): number {
  if (requested > 0) return requested;
  return trainRows >= AUTO_BATCH.largeFrom ? AUTO_BATCH.large : AUTO_BATCH.small;
}

/** Options shared by every network trained with the loop (logistic regression and the MLP). */
export function loopOptions(d: { epochs: number; batchSize: number; learningRate: number; l2: number; patience: number }): OptionMeta[] {
  return [
    { name: 'learningRate', label: 'Learning rate (Adam)', type: 'number', default: d.learningRate, min: 1e-5, max: 1, log: true, search: [d.learningRate / 5, d.learningRate * 5] },
    { name: 'schedule', label: 'Learning-rate schedule', type: 'choice', default: 'constant', choices: ['constant', 'cosine', 'plateau'] },
    { name: 'batchSize', label: 'Batch size (rows; 0 = automatic)', type: 'integer', default: d.batchSize, min: 0, max: 65_536, log: true, search: [32, 256], help: `Rows per weight update. Automatic: ${AUTO_BATCH.small}, or ${AUTO_BATCH.large} from ${formatCount(AUTO_BATCH.largeFrom)} training rows.` },
    { name: 'epochs', label: 'Maximum epochs', type: 'integer', default: d.epochs, min: 1, max: 10_000 },
    { name: 'l2', label: 'L2 penalty', type: 'number', default: d.l2, min: 0, max: 1, log: true, search: [1e-6, 1e-2], help: 'Weight of the sum of squared weights added to the loss.' },
    { name: 'earlyStopping', label: 'Early stopping', type: 'boolean', default: true, help: 'Stop when the validation loss stops improving and restore the best weights.' },
    { name: 'patience', label: 'Patience (epochs)', type: 'integer', default: d.patience, min: 1, max: 1000 },
    { name: 'validationFraction', label: 'Validation fraction', type: 'number', default: 0.1, min: 0, max: 0.5, help: 'Share of the training rows held back for early stopping when no validation rows are given.' },
    { name: 'classWeight', label: 'Class weights', type: 'choice', default: 'none', choices: ['none', 'balanced'] },
  ];
}

export const mlpMeta: ModelMeta = {
  kind: 'mlp',
  label: 'Neural network (MLP)',
  description: `Fully connected layers trained with Adam, early stopping and optional dropout. Defaults: 2 × 64 ReLU, learning rate 0.002, batch ${AUTO_BATCH.small} (${AUTO_BATCH.large} from ${formatCount(AUTO_BATCH.largeFrom)} training rows).`,
  tasks: ['binary', 'multiclass', 'regression'],
  options: [
    { name: 'layers', label: 'Hidden layers', type: 'integer', default: 2, min: 1, max: 6, search: [1, 3] },
    { name: 'units', label: 'Units per layer', type: 'integer', default: 64, min: 4, max: 1024, log: true, search: [16, 256] },
    { name: 'activation', label: 'Activation', type: 'choice', default: 'relu', choices: ['relu', 'tanh', 'elu', 'selu', 'sigmoid'] },
    { name: 'dropout', label: 'Dropout rate', type: 'number', default: 0, min: 0, max: 0.9, search: [0, 0.4] },
    ...loopOptions({ epochs: 300, batchSize: 0, learningRate: 2e-3, l2: 1e-4, patience: 20 }),
  ],
  searchable: ['layers', 'units', 'dropout', 'learningRate', 'l2', 'batchSize'],
};
