import { num, splitSpecWords } from '../explain';
import type { RunTraining } from './runTraining';

/** A run's split in words for its lineage: "stratified by class, 20 % held out, seed 42, 455 of 569 rows trained". */
export function splitWords(training: RunTraining): string {
  const split = training.split;
  if (!split) return training.missing.some((m) => m.part === 'split') ? 'not saved' : 'none: trained on every row of its file';
  return [splitSpecWords(split.spec), ...(split.trainRows === null ? [] : [`${num(split.trainRows, 15)} of ${num(split.dataRows, 15)} rows trained`])].join(', ');
}
