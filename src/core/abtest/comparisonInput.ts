/**
 * Lining up several scorers' outputs with the true target for `compareModels`; shared by the score
 * worker and `modelbench compare`. Pure (no DOM, no Node); it belongs in src/core/abtest.
 */
import type { CompareTask, ModelPredictions } from './modelPredictions';
import type { Preprocess, RowPrediction } from '../deploy';
import { isBooleanPair } from '../table';

/** Scored rows of several models, reduced to what `compareModels` takes; rows any model refused are left out. */
export interface ComparisonInput {
  task: CompareTask;
  yTrue: Float64Array;
  predictions: ModelPredictions[];
  /** Source row of each evaluation row. */
  rows: Int32Array;
  dropped: { missingTarget: number; unseenClass: number; refused: number };
}

/**
 * Lines up each model's predictions with the true target. All models must share the task and, for
 * classification, the class list (same target, same training labels).
 */
export function comparisonInput(truth: (string | null)[], models: { name: string; preprocess: Preprocess; predictions: RowPrediction[] }[]): ComparisonInput {
  const first = models[0].preprocess;
  for (const m of models.slice(1)) {
    const same = m.preprocess.task === first.task && m.preprocess.target === first.target && sameClasses(m.preprocess.classes, first.classes);
    if (!same) throw new RangeError(`"${m.name}" predicts ${m.preprocess.task} '${m.preprocess.target}' but "${models[0].name}" predicts ${first.task} '${first.target}' (classes must match too); compare models trained on the same target.`);
  }
  const classes = first.classes ?? [];
  const task: CompareTask = first.task === 'regression' ? 'regression' : classes.length === 2 ? 'binary' : 'multiclass';
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const dropped = { missingTarget: 0, unseenClass: 0, refused: 0 };
  const keep: number[] = [];
  const y: number[] = [];
  truth.forEach((t, r) => {
    if (t === null || t === '') return void dropped.missingTarget++;
    const value = task === 'regression' ? Number(t) : classIndex.get(t);
    if (value === undefined || Number.isNaN(value)) return void (task === 'regression' ? dropped.missingTarget++ : dropped.unseenClass++);
    if (models.some((m) => 'error' in m.predictions[r])) return void dropped.refused++;
    keep.push(r);
    y.push(value);
  });
  const predictions = models.map(({ name, preprocess, predictions }): ModelPredictions => {
    if (task === 'regression') return { name, values: keep.map((r) => (predictions[r] as { value: number }).value) };
    const probabilities = new Float64Array(keep.length * classes.length);
    // By position: a model trained before boolean targets kept their file's words calls "Yes" "true".
    const own = preprocess.classes ?? classes;
    keep.forEach((r, i) => {
      const p = (predictions[r] as { probabilities: Record<string, number> }).probabilities;
      own.forEach((c, j) => (probabilities[i * classes.length + j] = p[c]));
    });
    return { name, probabilities };
  });
  return { task, yTrue: Float64Array.from(y), predictions, rows: Int32Array.from(keep), dropped };
}

/** The same classes, or the same boolean target in other words (true/false against a file's No/Yes). */
function sameClasses(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null) || (!!a && !!b && isBooleanPair(a) && isBooleanPair(b));
}
