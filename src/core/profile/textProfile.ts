import type { StringColumn } from '../table';
import { histogramSorted } from '../stats';
import { categoricalStats, codeCounts, stringBase } from './categoricalProfile';
import { quantilesOf } from './numericProfile';
import { summariseTexts } from '../text';
import type { ColumnProfile, TextStats } from './types';

const WORD = /[\p{L}\p{N}']+/gu;

/** Length and token statistics, computed per dictionary entry and weighted by its count. */
export function textStats(dictionary: string[], counts: Float64Array): TextStats {
  let total = 0;
  let maxLen = 0;
  for (let i = 0; i < counts.length; i++)
    if (counts[i] > 0) {
      total += counts[i];
      if (dictionary[i].length > maxLen) maxLen = dictionary[i].length;
    }
  // Counting sort by length gives the sorted lengths without sorting strings.
  const byLength = new Float64Array(maxLen + 1);
  const tokens = new Map<string, number>();
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c === 0) continue;
    const s = dictionary[i];
    byLength[s.length] += c;
    for (const w of s.toLowerCase().match(WORD) ?? []) tokens.set(w, (tokens.get(w) ?? 0) + c);
  }
  const lengths = new Float64Array(total);
  let k = 0;
  let sum = 0;
  for (let len = 0; len <= maxLen; len++) {
    lengths.fill(len, k, k + byLength[len]);
    k += byLength[len];
    sum += len * byLength[len];
  }
  const topTokens = [...tokens]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10)
    .map(([token, count]) => ({ token, count }));
  return {
    length: {
      min: total ? lengths[0] : NaN,
      mean: total ? sum / total : NaN,
      max: total ? lengths[total - 1] : NaN,
      quantiles: quantilesOf(lengths),
    },
    lengthHistogram: histogramSorted(lengths),
    topTokens,
    summary: summariseTexts(dictionary, counts),
  };
}

/** Profile of a free-text column: categorical block plus length and token statistics. */
export function textProfile(column: StringColumn): ColumnProfile {
  const { counts, missing } = codeCounts(column);
  const base = stringBase(column, counts, missing);
  return {
    ...base,
    categorical: categoricalStats(column, counts, base.count),
    text: textStats(column.dictionary, counts),
  };
}
