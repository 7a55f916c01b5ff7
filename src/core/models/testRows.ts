import { TrainingError } from './types';
import { formatCount } from '../format';

/**
 * Refuses an experiment with nothing to evaluate on: metrics over zero rows read as a model that is
 * always wrong. `testFraction` is the split's share, absent when a separate test table was given.
 */
export function checkTestRows(test: number, train: number, target: string, testFraction?: number): void {
  if (test > 0) return;
  if (testFraction === undefined) {
    throw new TrainingError(`The test file has no rows with a value for target '${target}', so the model cannot be evaluated. Fill the target in the test file, or train without one to hold out part of the data.`);
  }
  const share = `${Math.round(testFraction * 100)}%`;
  throw new TrainingError(
    `Too few rows to test the model: all ${formatCount(train)} rows with a target went to training (a ${share} test share rounds to none). Add rows to the file, or raise the test share of the split.`,
  );
}
