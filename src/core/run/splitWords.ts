import { num, pct } from '../explain';
import type { RunTraining } from './runTraining';

const METHOD: Record<string, string> = { random: 'random', stratified: 'stratified by class', time: 'latest rows by time', group: 'whole groups' };

/** A run's split in words for its lineage: "stratified by class, 20 % held out, seed 42, 455 rows trained". */
export function splitWords(training: RunTraining): string {
  const split = training.split;
  if (!split) return training.missing.some((m) => m.part === 'split') ? 'not saved' : 'none: trained on every row of its file';
  const parts = [
    split.spec.method === 'group' && split.spec.groupColumn ? `whole groups of ${split.spec.groupColumn}` : (METHOD[split.spec.method] ?? split.spec.method),
    `${pct(split.spec.testFraction)} held out`,
    `seed ${split.spec.seed}`,
    ...(split.trainRows === null ? [] : [`${num(split.trainRows, 15)} of ${num(split.dataRows, 15)} rows trained`]),
  ];
  return parts.join(', ');
}
