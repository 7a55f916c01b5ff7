import { knownMissing } from './knownMissing';
import type { Column } from './types';
import { isNumeric } from './types';

/** What the schema panel shows for a column: exact missing count and a tiny distribution. */
export interface ColumnSummary {
  missing: number;
  /** Numeric/datetime: counts in equal-width bins over a sample. Strings: counts of the top values over a sample. */
  bars: number[];
  /** Labels for `bars` when they are categories (top values), else empty. */
  labels: string[];
}

const BINS = 16;
const TOP = 6;

/**
 * Summarises one column. Missing is exact (the reader's own count when it recorded one, see
 * `knownMissing`, else one pass over the typed array); the bars use at most `sampleSize` evenly
 * strided rows so a 3M-row column costs a few milliseconds.
 */
export function columnSummary(column: Column, rowCount: number, sampleSize = 20_000): ColumnSummary {
  const stride = Math.max(1, Math.floor(rowCount / sampleSize));
  if (isNumeric(column)) {
    const v = column.values;
    let missing = knownMissing(v) ?? -1;
    if (missing < 0) {
      missing = 0;
      for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) missing++;
    }
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < v.length; i += stride) {
      const x = v[i];
      if (x < min && x > -Infinity) min = x;
      if (x > max && x < Infinity) max = x;
    }
    const bars = new Array<number>(BINS).fill(0);
    if (max >= min) {
      const width = (max - min) / BINS || 1;
      for (let i = 0; i < v.length; i += stride) {
        const x = v[i];
        if (x >= min && x <= max) bars[Math.min(BINS - 1, Math.floor((x - min) / width))]++;
      }
    }
    return { missing, bars, labels: [] };
  }
  const codes = column.codes;
  let missing = knownMissing(codes) ?? -1;
  if (missing < 0) {
    missing = 0;
    for (let i = 0; i < codes.length; i++) if (codes[i] < 0) missing++;
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < codes.length; i += stride) {
    const c = codes[i];
    if (c >= 0) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  return { missing, bars: top.map(([, n]) => n), labels: top.map(([c]) => column.dictionary[c]) };
}
