import type { ModelMeta, OptionMeta } from '../options';

/** Options both tree kinds share. */
const common = (d: { minSamplesLeaf: number; maxLeaves: number; maxDepth: number }): OptionMeta[] => [
  { name: 'maxLeaves', label: 'Maximum leaves per tree', type: 'integer', default: d.maxLeaves, min: 2, max: 65_536, log: true, search: [8, 128] },
  { name: 'maxDepth', label: 'Maximum depth (0 = no limit)', type: 'integer', default: d.maxDepth, min: 0, max: 64 },
  { name: 'minSamplesLeaf', label: 'Minimum rows per leaf', type: 'integer', default: d.minSamplesLeaf, min: 1, max: 100_000, log: true, search: [1, 100] },
  { name: 'maxBins', label: 'Bins per numeric feature', type: 'integer', default: 255, min: 2, max: 255, help: 'Numeric features are bucketed once, by quantiles of the training rows.' },
  { name: 'classWeight', label: 'Class weights', type: 'choice', default: 'none', choices: ['none', 'balanced'] },
  { name: 'recipeSteps', label: 'Recipe steps', type: 'choice', default: 'native', choices: ['native', 'as-written'], choiceLabels: { native: 'skip what trees do not need', 'as-written': 'apply as written' }, help: 'Trees need no scaling or filling of missing numbers and split categories directly, so by default those steps are skipped; choose "apply as written" to run the recipe exactly.' },
];

export const gbdtMeta: ModelMeta = {
  kind: 'gbdt',
  label: 'Gradient-boosted trees',
  description: 'Histogram gradient boosting in the manner of LightGBM: leaf-wise trees on binned features, missing values and categories split natively, early stopping on a validation slice. Defaults: up to 500 rounds, learning rate 0.1, 31 leaves, 20 rows per leaf.',
  tasks: ['binary', 'multiclass', 'regression'],
  options: [
    { name: 'rounds', label: 'Maximum boosting rounds', type: 'integer', default: 500, min: 1, max: 10_000, log: true },
    { name: 'learningRate', label: 'Learning rate', type: 'number', default: 0.1, min: 1e-4, max: 1, log: true, search: [0.03, 0.3] },
    ...common({ minSamplesLeaf: 20, maxLeaves: 31, maxDepth: 0 }),
    { name: 'minHessian', label: 'Minimum hessian per leaf', type: 'number', default: 1e-3, min: 0, max: 1000, help: 'Sum of second derivatives a leaf needs; guards against leaves that only fit a few confident rows.' },
    { name: 'l2', label: 'L2 penalty on leaf values', type: 'number', default: 0, min: 0, max: 1000, search: [0, 10] },
    { name: 'rowSample', label: 'Rows sampled per round', type: 'number', default: 1, min: 0.05, max: 1, search: [0.6, 1] },
    { name: 'colSample', label: 'Features sampled per tree', type: 'number', default: 1, min: 0.05, max: 1, search: [0.5, 1] },
    { name: 'earlyStopping', label: 'Early stopping', type: 'boolean', default: true, help: 'Stop when the validation loss has not improved for the patience, and keep the best round.' },
    { name: 'patience', label: 'Patience (rounds)', type: 'integer', default: 20, min: 1, max: 1000 },
    { name: 'validationFraction', label: 'Validation fraction', type: 'number', default: 0.1, min: 0, max: 0.5, help: 'Share of the training rows held back for early stopping when no validation rows are given.' },
    { name: 'loss', label: 'Regression loss', type: 'choice', default: 'squared', choices: ['squared', 'absolute', 'huber'], choiceLabels: { squared: 'squared error', absolute: 'absolute error', huber: 'Huber' }, help: 'Classification always uses log loss.' },
  ],
  searchable: ['learningRate', 'maxLeaves', 'minSamplesLeaf', 'l2', 'rowSample', 'colSample'],
};

export const forestMeta: ModelMeta = {
  kind: 'forest',
  label: 'Random forest',
  description: 'Trees grown on bootstrap samples with a random subset of features tried at each split, averaged; reports the out-of-bag score. Defaults: 100 trees, √features per split (all for regression), up to 1,024 leaves per tree.',
  tasks: ['binary', 'multiclass', 'regression'],
  options: [
    { name: 'trees', label: 'Trees', type: 'integer', default: 100, min: 1, max: 2000, log: true },
    { name: 'maxFeatures', label: 'Features tried per split', type: 'choice', default: 'auto', choices: ['auto', 'sqrt', 'log2', 'third', 'all'], choiceLabels: { auto: 'automatic', sqrt: 'square root of the features', log2: 'log₂ of the features', third: 'a third of the features', all: 'all features' }, help: 'Automatic: the square root of the features for classification, all of them for regression (as scikit-learn).' },
    ...common({ minSamplesLeaf: 1, maxLeaves: 1024, maxDepth: 0 }),
  ],
  searchable: ['maxLeaves', 'minSamplesLeaf'],
};
