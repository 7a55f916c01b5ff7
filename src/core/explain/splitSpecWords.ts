import type { SplitSpec } from '../recipe';
import { pct } from '../format';

const METHOD: Record<SplitSpec['method'], string> = { random: 'random', stratified: 'stratified by class', time: 'latest rows by time', group: 'whole groups' };

/** How the test rows were held out, in words: "whole groups of country, 20 % held out, seed 42". */
export function splitSpecWords(spec: SplitSpec): string {
  const how =
    spec.method === 'group' && spec.groupColumn ? `whole groups of ${spec.groupColumn}` : spec.method === 'time' && spec.timeColumn ? `latest rows by ${spec.timeColumn}` : METHOD[spec.method];
  return `${how}, ${pct(spec.testFraction)} held out, seed ${spec.seed}`;
}
