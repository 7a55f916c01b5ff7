import type { ModelMeta } from '../options';

export const baselineMeta: ModelMeta = {
  kind: 'baseline',
  label: 'Baseline',
  description: 'Predicts the training class frequencies (classification) or the training mean (regression). Every model should beat it.',
  tasks: ['binary', 'multiclass', 'regression'],
  options: [],
  searchable: [],
};
