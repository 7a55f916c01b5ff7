import type { ModelMeta } from '../options';

export const linearMeta: ModelMeta = {
  kind: 'linear',
  label: 'Linear regression',
  description: 'Least squares with a small ridge penalty (so one-hot columns that sum to one stay solvable), solved exactly.',
  tasks: ['regression'],
  options: [{ name: 'l2', label: 'Ridge penalty (alpha)', type: 'number', default: 1e-3, min: 0, max: 1e4, log: true, search: [1e-6, 10], help: 'Added to the diagonal of XᵀX; the intercept is not penalised.' }],
  searchable: ['l2'],
};
