import { argmaxRows, evaluateClassification, type ClassificationReport } from '../../evaluate';
import type { ImageSet } from '../imageSet';

/** A test image the model got wrong, with how sure it was. */
export interface ImageMistake {
  /** Index of the image in the set. */
  index: number;
  actual: number;
  predicted: number;
  /** The probability the model gave its (wrong) answer. */
  confidence: number;
}

/** Test images of one class the model got right, most confident first. */
export interface ClassExamples {
  classIndex: number;
  indices: number[];
}

export interface ImageEvaluation {
  /** Accuracy, the confusion matrix and the other classification metrics on the test images. */
  report: ClassificationReport;
  /** Wrong answers, most confident first (at most `mistakes`). */
  mistakes: ImageMistake[];
  examples: ClassExamples[];
  /** The test images (indices into the set), in the order of the probabilities. */
  test: number[];
}

/**
 * Evaluates test-image probabilities (row-major n × k, in the order of `test`): the usual
 * classification report, the most confident mistakes and, per class, the surest right answers.
 */
export function evaluateImages(set: ImageSet, test: Int32Array, proba: Float32Array, limits: { mistakes?: number; examples?: number } = {}): ImageEvaluation {
  const k = set.classNames.length;
  const actual = Int32Array.from(test, (i) => set.labels[i]);
  const report = evaluateClassification(actual, proba, set.classNames);
  const predicted = argmaxRows(proba, k);
  const mistakes: ImageMistake[] = [];
  const right: { index: number; confidence: number }[][] = Array.from({ length: k }, () => []);
  test.forEach((index, i) => {
    const confidence = proba[i * k + predicted[i]];
    if (predicted[i] !== actual[i]) mistakes.push({ index, actual: actual[i], predicted: predicted[i], confidence });
    else right[actual[i]].push({ index, confidence });
  });
  // Ties keep image order, so the lists are the same on every run.
  const surest = <T extends { index: number; confidence: number }>(a: T, b: T) => b.confidence - a.confidence || a.index - b.index;
  return {
    report,
    mistakes: mistakes.sort(surest).slice(0, limits.mistakes ?? 24),
    examples: right.map((r, classIndex) => ({ classIndex, indices: r.sort(surest).slice(0, limits.examples ?? 6).map((e) => e.index) })),
    test: Array.from(test),
  };
}
