import type { StringColumn } from '../table';
import { entropyBits } from '../stats';
import type { CategoricalStats, ColumnProfile } from './types';

/** Cells per dictionary entry (missing excluded). */
export function codeCounts(column: StringColumn): { counts: Float64Array; missing: number } {
  const counts = new Float64Array(column.dictionary.length);
  let missing = 0;
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0) counts[c]++;
    else missing++;
  }
  return { counts, missing };
}

/** Bytes of codes plus the dictionary held as UTF-16. */
export function stringMemory(column: StringColumn): number {
  let bytes = column.codes.byteLength;
  for (const s of column.dictionary) bytes += 2 * s.length;
  return bytes;
}

/** The `limit` most frequent entries by count, ties broken by value; one pass, no full sort. */
export function topEntries(dictionary: string[], counts: Float64Array, limit = 10): { value: string; count: number }[] {
  const before = (a: number, b: number) => counts[a] > counts[b] || (counts[a] === counts[b] && dictionary[a] < dictionary[b]);
  // `best` stays sorted, best first; a candidate enters only if it beats the last kept entry.
  const best: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    if (best.length === limit && !before(i, best[limit - 1])) continue;
    let k = best.length === limit ? limit - 1 : best.length;
    best[k] = i;
    while (k > 0 && before(best[k], best[k - 1])) {
      [best[k], best[k - 1]] = [best[k - 1], best[k]];
      k--;
    }
  }
  return best.map((i) => ({ value: dictionary[i], count: counts[i] }));
}

/** 1 - H/log2(k) over the non-zero counts; 0 when fewer than 2 levels. */
export function imbalanceOf(counts: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) k++;
  if (k < 2) return 0;
  return Math.max(0, 1 - entropyBits(counts) / Math.log2(k));
}

export function categoricalStats(column: StringColumn, counts: Float64Array, count: number): CategoricalStats {
  const top = topEntries(column.dictionary, counts);
  let minLength = Infinity;
  let maxLength = -Infinity;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0) {
      const len = column.dictionary[i].length;
      if (len < minLength) minLength = len;
      if (len > maxLength) maxLength = len;
    }
  }
  return {
    top,
    other: count - top.reduce((s, t) => s + t.count, 0),
    imbalance: imbalanceOf(counts),
    minLength: count ? minLength : NaN,
    maxLength: count ? maxLength : NaN,
  };
}

/** Common fields of any dictionary-encoded column. */
export function stringBase(column: StringColumn, counts: Float64Array, missing: number): ColumnProfile {
  let distinct = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) distinct++;
  const count = column.codes.length - missing;
  return {
    name: column.name,
    type: column.type,
    count,
    missing,
    distinct,
    uniqueRatio: count ? distinct / count : 0,
    memoryBytes: stringMemory(column),
  };
}

/** Profile of a categorical or identifier column. */
export function categoricalProfile(column: StringColumn): ColumnProfile {
  const { counts, missing } = codeCounts(column);
  const base = stringBase(column, counts, missing);
  return { ...base, categorical: categoricalStats(column, counts, base.count) };
}
