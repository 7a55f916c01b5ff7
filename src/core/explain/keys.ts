/**
 * Glossary ids for the fields of the studio's real types. Each map is a `Record` over the type's
 * keys, so a field added to `NumericStats`, `AlertType`, `ClassificationMetrics`, `Step`… without a
 * glossary entry fails type-checking here. The `*_KEYS` lists are the same keys, for iteration.
 */
import type { ClassificationMetrics, ClassificationReport, GainsPoint, RegressionMetrics, RegressionReport, ThresholdMetrics } from '../evaluate';
import type { BackendName, EpochLog, ModelKind } from '../models';
import type {
  AlertType, AssociationMeasure, BooleanStats, CategoricalStats, ColumnProfile, Correlations, DatasetOverview,
  DatetimeStats, NumericStats, QuantileKey, TargetPair, TextStats,
} from '../profile';
import type { EncodeStep, ImputeStep, PowerStep, ScaleStep, SplitSpec, Step, Task } from '../recipe';
import type { ColumnType } from '../table';
import type { GlossaryKey } from './glossary';

type Blocks = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text';

export const COLUMN_PROFILE_GLOSSARY: Readonly<Record<Exclude<keyof ColumnProfile, Blocks>, GlossaryKey>> = {
  name: 'columns', type: 'columnType', count: 'count', missing: 'missing', distinct: 'distinct',
  uniqueRatio: 'uniqueRatio', memoryBytes: 'memoryBytes', approximate: 'approximate',
};
export const COLUMN_TYPE_GLOSSARY: Readonly<Record<ColumnType, GlossaryKey>> = {
  integer: 'columnType', float: 'columnType', boolean: 'columnType', datetime: 'columnType',
  categorical: 'columnType', text: 'columnType', identifier: 'alert.unique',
};
export const NUMERIC_STAT_GLOSSARY: Readonly<Record<keyof NumericStats, GlossaryKey>> = {
  min: 'min', max: 'max', range: 'range', mean: 'mean', std: 'std', variance: 'variance', sum: 'sum',
  skewness: 'skewness', kurtosis: 'kurtosis', cv: 'cv', mad: 'mad', quantiles: 'quantiles', iqr: 'iqr',
  zeros: 'zeros', negatives: 'negatives', infinite: 'infinite', outliers: 'outliers', histogram: 'histogram',
};
export const QUANTILE_GLOSSARY: Readonly<Record<QuantileKey, GlossaryKey>> = {
  '0.01': 'quantiles', '0.05': 'quantiles', '0.25': 'q1', '0.5': 'median', '0.75': 'q3', '0.95': 'quantiles', '0.99': 'quantiles',
};
export const CATEGORICAL_STAT_GLOSSARY: Readonly<Record<keyof CategoricalStats, GlossaryKey>> = {
  top: 'topValues', other: 'otherValues', imbalance: 'imbalance', minLength: 'valueLength', maxLength: 'valueLength',
};
export const BOOLEAN_STAT_GLOSSARY: Readonly<Record<keyof BooleanStats, GlossaryKey>> = { true: 'booleanCounts', false: 'booleanCounts', words: 'booleanCounts' };
export const DATETIME_STAT_GLOSSARY: Readonly<Record<keyof DatetimeStats, GlossaryKey>> = {
  min: 'min', max: 'max', rangeMs: 'timeSpan', frequency: 'frequency',
  byYear: 'calendar', byMonth: 'calendar', byWeekday: 'calendar', byHour: 'calendar',
};
export const TEXT_STAT_GLOSSARY: Readonly<Record<keyof TextStats, GlossaryKey>> = {
  length: 'textLength', lengthHistogram: 'textLength', topTokens: 'topTokens', summary: 'textSummary',
};
export const DATASET_OVERVIEW_GLOSSARY: Readonly<Record<keyof DatasetOverview, GlossaryKey>> = {
  name: 'datasetName', rows: 'rows', columns: 'columns', missingCells: 'missingCells', missingCellsRatio: 'missingCells',
  duplicateRows: 'duplicateRows', duplicateRowsRatio: 'duplicateRows', duplicateExamples: 'duplicateRows',
  memoryBytes: 'datasetMemory', columnsByType: 'columnsByType', fingerprint: 'fingerprint', approximate: 'approximate',
};
export const ALERT_GLOSSARY: Readonly<Record<AlertType, GlossaryKey>> = {
  constant: 'alert.constant', zeros: 'alert.zeros', missing: 'alert.missing', infinite: 'alert.infinite',
  duplicates: 'alert.duplicates', high_cardinality: 'alert.highCardinality', unique: 'alert.unique', skewed: 'alert.skewed',
  imbalance: 'alert.imbalance', uniform: 'alert.uniform', high_correlation: 'alert.highCorrelation',
  constant_length: 'alert.constantLength', date_as_text: 'alert.dateAsText', mixed_types: 'alert.mixedTypes',
  target_leakage: 'alert.targetLeakage', personal_data: 'alert.personalData', near_duplicates: 'alert.nearDuplicates',
};
export const CORRELATION_GLOSSARY: Readonly<Record<keyof Correlations, GlossaryKey>> = {
  pearson: 'pearson', spearman: 'spearman', cramers_v: 'cramersV', eta: 'eta', sampledRows: 'correlationMatrix', sampled: 'correlationMatrix', limitedTo: 'correlationMatrix',
};
export const ASSOCIATION_GLOSSARY: Readonly<Record<AssociationMeasure, GlossaryKey>> = { pearson: 'pearson', eta: 'eta', cramers_v: 'cramersV' };
export const TARGET_PAIR_GLOSSARY: Readonly<Record<TargetPair['kind'], GlossaryKey>> = { box: 'chart.box', stacked: 'chart.stacked', scatter: 'chart.scatter' };
export const CLASSIFICATION_METRIC_GLOSSARY: Readonly<Record<keyof ClassificationMetrics, GlossaryKey>> = {
  accuracy: 'accuracy', balancedAccuracy: 'balancedAccuracy', mcc: 'mcc', logLoss: 'logLoss', brier: 'brier', rocAuc: 'rocAuc',
  averagePrecision: 'averagePrecision', precision: 'precision', recall: 'recall', f1: 'f1', support: 'support',
  macroPrecision: 'macroAverage', macroRecall: 'macroAverage', macroF1: 'macroAverage',
  weightedPrecision: 'weightedAverage', weightedRecall: 'weightedAverage', weightedF1: 'weightedAverage',
};
export const REGRESSION_METRIC_GLOSSARY: Readonly<Record<Exclude<keyof RegressionMetrics, 'notDefined'>, GlossaryKey>> = {
  rmse: 'rmse', mse: 'mse', mae: 'mae', mape: 'mape', medianAe: 'medianAe', r2: 'r2', explainedVariance: 'explainedVariance', spearman: 'spearman',
};
export const THRESHOLD_METRIC_GLOSSARY: Readonly<Record<keyof ThresholdMetrics, GlossaryKey>> = {
  threshold: 'decisionThreshold', accuracy: 'accuracy', precision: 'precision', recall: 'recall', specificity: 'specificity', f1: 'f1', confusion: 'chart.confusion',
};
export const GAINS_GLOSSARY: Readonly<Record<keyof GainsPoint, GlossaryKey>> = { fraction: 'chart.gains', gain: 'chart.gains', lift: 'lift' };
export const CLASSIFICATION_CHART_GLOSSARY: Readonly<Record<Exclude<keyof ClassificationReport, 'task' | 'classes' | 'n' | 'metrics'>, GlossaryKey>> = {
  confusion: 'chart.confusion', confusionNormalized: 'chart.confusion', roc: 'chart.roc', pr: 'chart.pr', calibration: 'chart.calibration', gains: 'chart.gains',
};
export const REGRESSION_CHART_GLOSSARY: Readonly<Record<Exclude<keyof RegressionReport, 'task' | 'n' | 'metrics'>, GlossaryKey>> = {
  residuals: 'chart.residuals', scatter: 'chart.predictedVsActual',
};
export const TASK_GLOSSARY: Readonly<Record<Task, GlossaryKey>> = { binary: 'task.binary', multiclass: 'task.multiclass', regression: 'task.regression' };
export const STEP_GLOSSARY: Readonly<Record<Step['kind'], GlossaryKey>> = {
  drop: 'step.drop', impute: 'step.impute', scale: 'step.scale', encode: 'step.encode', datetime: 'step.datetime',
  power: 'step.power', clip: 'step.clip', derive: 'step.derive', deduplicate: 'step.deduplicate', filter: 'step.filter', text: 'step.text',
};
export const IMPUTE_GLOSSARY: Readonly<Record<ImputeStep['strategy'], GlossaryKey>> = {
  mean: 'impute.mean', median: 'impute.median', most_frequent: 'impute.mostFrequent', constant: 'impute.constant',
};
export const SCALE_GLOSSARY: Readonly<Record<ScaleStep['method'], GlossaryKey>> = { standard: 'scale.standard', minmax: 'scale.minmax', robust: 'scale.robust' };
export const ENCODE_GLOSSARY: Readonly<Record<EncodeStep['method'], GlossaryKey>> = { onehot: 'encode.onehot', ordinal: 'encode.ordinal', embedding: 'encode.embedding' };
export const POWER_GLOSSARY: Readonly<Record<PowerStep['method'], GlossaryKey>> = { log: 'power.log', 'yeo-johnson': 'power.yeoJohnson' };
export const SPLIT_GLOSSARY: Readonly<Record<SplitSpec['method'], GlossaryKey>> = { random: 'split.random', stratified: 'split.stratified', time: 'split.time', group: 'split.group' };
export const SPLIT_OPTION_GLOSSARY: Readonly<Record<Exclude<keyof SplitSpec, 'method' | 'timeColumn' | 'groupColumn'>, GlossaryKey>> = {
  testFraction: 'testFraction', seed: 'seed', folds: 'crossValidation',
};
export const MODEL_GLOSSARY: Readonly<Record<ModelKind, GlossaryKey>> = { baseline: 'model.baseline', linear: 'model.linear', logistic: 'model.logistic', mlp: 'model.mlp', gbdt: 'model.gbdt', forest: 'model.forest' };
export const BACKEND_GLOSSARY: Readonly<Record<BackendName, GlossaryKey>> = { webgpu: 'backend.webgpu', webgl: 'backend.webgl', wasm: 'backend.wasm', cpu: 'backend.cpu' };
export const EPOCH_LOG_GLOSSARY: Readonly<Record<Exclude<keyof EpochLog, 'elapsedMs'>, GlossaryKey>> = {
  epoch: 'epoch', loss: 'trainingLoss', valLoss: 'validationLoss', metric: 'trainingLoss', valMetric: 'validationLoss', learningRate: 'option.learningRate', threads: 'backend.wasm',
};
/** Option names of every model's meta (`ModelMeta.options[].name`); the unit test checks the metas against it. */
export const MODEL_OPTION_GLOSSARY: Readonly<Record<string, GlossaryKey>> = {
  layers: 'option.layers', units: 'option.units', activation: 'option.activation', dropout: 'option.dropout',
  learningRate: 'option.learningRate', schedule: 'option.schedule', batchSize: 'option.batchSize', epochs: 'option.epochs', solver: 'option.solver',
  l2: 'option.l2', earlyStopping: 'option.earlyStopping', patience: 'option.patience',
  validationFraction: 'option.validationFraction', classWeight: 'option.classWeight',
  rounds: 'option.rounds', trees: 'option.trees', maxLeaves: 'option.maxLeaves', maxDepth: 'option.maxDepth', minSamplesLeaf: 'option.minSamplesLeaf',
  minHessian: 'option.minHessian', maxBins: 'option.maxBins', rowSample: 'option.rowSample', colSample: 'option.colSample', loss: 'option.loss', maxFeatures: 'option.maxFeatures',
};
/** Hypothesis tests of `stats/tests` and the A/B analysis. */
export const STAT_TEST_KEYS: readonly GlossaryKey[] = [
  'test.bootstrap', 'test.mcnemar', 'test.delong', 'test.pairedT', 'test.wilcoxon', 'test.twoProportionZ', 'test.welch',
  'test.srm', 'test.power', 'test.msprt', 'pValue', 'confidenceInterval', 'abLift', 'relativeLift',
];
export const DEPLOY_KEYS: readonly GlossaryKey[] = [
  'latencyP50', 'latencyP95', 'latencyP99', 'latencyTarget', 'throughput', 'psi', 'drift', 'onnx', 'tfjs', 'scorer', 'batchScoring', 'modelCard', 'bundle',
];

const keysOf = <K extends string>(o: Readonly<Record<K, GlossaryKey>>) => Object.keys(o) as K[];
export const NUMERIC_STAT_KEYS = keysOf(NUMERIC_STAT_GLOSSARY);
export const CATEGORICAL_STAT_KEYS = keysOf(CATEGORICAL_STAT_GLOSSARY);
export const DATETIME_STAT_KEYS = keysOf(DATETIME_STAT_GLOSSARY);
export const TEXT_STAT_KEYS = keysOf(TEXT_STAT_GLOSSARY);
export const ALERT_TYPES = keysOf(ALERT_GLOSSARY);
export const CLASSIFICATION_METRIC_KEYS = keysOf(CLASSIFICATION_METRIC_GLOSSARY);
export const REGRESSION_METRIC_KEYS = keysOf(REGRESSION_METRIC_GLOSSARY);
export const STEP_KINDS = keysOf(STEP_GLOSSARY);
export const MODEL_KINDS = keysOf(MODEL_GLOSSARY);

/** Every map above, by name, for tests and for the glossary page's sections. */
export const GLOSSARY_MAPS: Readonly<Record<string, Readonly<Record<string, GlossaryKey>>>> = {
  COLUMN_PROFILE_GLOSSARY, COLUMN_TYPE_GLOSSARY, NUMERIC_STAT_GLOSSARY, QUANTILE_GLOSSARY, CATEGORICAL_STAT_GLOSSARY,
  BOOLEAN_STAT_GLOSSARY, DATETIME_STAT_GLOSSARY, TEXT_STAT_GLOSSARY, DATASET_OVERVIEW_GLOSSARY, ALERT_GLOSSARY,
  CORRELATION_GLOSSARY, ASSOCIATION_GLOSSARY, TARGET_PAIR_GLOSSARY, CLASSIFICATION_METRIC_GLOSSARY, REGRESSION_METRIC_GLOSSARY,
  THRESHOLD_METRIC_GLOSSARY, GAINS_GLOSSARY, CLASSIFICATION_CHART_GLOSSARY, REGRESSION_CHART_GLOSSARY, TASK_GLOSSARY,
  STEP_GLOSSARY, IMPUTE_GLOSSARY, SCALE_GLOSSARY, ENCODE_GLOSSARY, POWER_GLOSSARY, SPLIT_GLOSSARY, SPLIT_OPTION_GLOSSARY,
  MODEL_GLOSSARY, BACKEND_GLOSSARY, EPOCH_LOG_GLOSSARY, MODEL_OPTION_GLOSSARY,
};
