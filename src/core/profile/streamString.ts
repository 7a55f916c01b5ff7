import type { StringColumn } from '../table';
import { createHyperLogLog } from '../stats';
import { imbalanceOf } from './categoricalProfile';
import { quantilesOf } from './numericProfile';
import { summariseTexts } from '../text';
import type { ColumnProfile } from './types';

/** Distinct strings counted exactly; beyond this, new values count as "other" only. */
const MAX_TRACKED = 100_000;

/** One-pass state for a categorical, identifier or text column; batches bring their own dictionaries. */
export function createStringStream(name: string, type: StringColumn['type']) {
  const counts = new Map<string, number>();
  const hll = createHyperLogLog(14);
  const byLength = new Map<number, number>();
  const tokens = new Map<string, number>();
  let missing = 0;
  let untracked = 0;
  let memoryBytes = 0;
  return {
    add(column: StringColumn) {
      memoryBytes += column.codes.byteLength;
      const local = new Float64Array(column.dictionary.length);
      for (let i = 0; i < column.codes.length; i++) {
        const c = column.codes[i];
        if (c >= 0) local[c]++;
        else missing++;
      }
      for (let c = 0; c < local.length; c++) {
        const k = local[c];
        if (k === 0) continue;
        const s = column.dictionary[c];
        hll.addString(s);
        const have = counts.get(s);
        if (have !== undefined) counts.set(s, have + k);
        else if (counts.size < MAX_TRACKED) {
          counts.set(s, k);
          memoryBytes += 2 * s.length;
        } else untracked += k;
        byLength.set(s.length, (byLength.get(s.length) ?? 0) + k);
        if (type === 'text') {
          for (const w of s.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []) {
            if (tokens.has(w) || tokens.size < MAX_TRACKED) tokens.set(w, (tokens.get(w) ?? 0) + k);
          }
        }
      }
    },
    finish(rows: number): ColumnProfile {
      const count = rows - missing;
      const exact = untracked === 0;
      const distinct = exact ? counts.size : Math.round(hll.estimate());
      const entries = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const top = entries.slice(0, 10).map(([value, c]) => ({ value, count: c }));
      const lengths = [...byLength].sort((a, b) => a[0] - b[0]);
      const profile: ColumnProfile = {
        name,
        type,
        count,
        missing,
        distinct,
        uniqueRatio: count ? Math.min(1, distinct / count) : 0,
        memoryBytes,
        ...(exact ? {} : { approximate: true }),
        categorical: {
          top,
          other: count - top.reduce((s, t) => s + t.count, 0),
          imbalance: imbalanceOf(entries.map((e) => e[1])),
          minLength: lengths.length ? lengths[0][0] : NaN,
          maxLength: lengths.length ? lengths[lengths.length - 1][0] : NaN,
        },
      };
      if (type === 'text') {
        const expanded = new Float64Array(count);
        let k = 0;
        let sum = 0;
        for (const [len, c] of lengths) {
          expanded.fill(len, k, k + c);
          k += c;
          sum += len * c;
        }
        const maxLen = lengths.length ? lengths[lengths.length - 1][0] : 0;
        const bins = Math.max(1, Math.min(50, maxLen - (lengths[0]?.[0] ?? 0) + 1));
        const lo = lengths[0]?.[0] ?? 0;
        const width = Math.max(1, (maxLen - lo) / bins);
        const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
        const hist = new Array<number>(bins).fill(0);
        for (const [len, c] of lengths) hist[Math.min(bins - 1, Math.floor((len - lo) / width))] += c;
        // Over the distinct texts kept (every one unless the column passed MAX_TRACKED, then marked approximate).
        const summary = summariseTexts([...counts.keys()], [...counts.values()]);
        profile.text = {
          length: { min: count ? expanded[0] : NaN, mean: count ? sum / count : NaN, max: count ? maxLen : NaN, quantiles: quantilesOf(expanded) },
          lengthHistogram: { edges, counts: hist },
          topTokens: [...tokens].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10).map(([token, c]) => ({ token, count: c })),
          summary,
        };
      }
      return profile;
    },
  };
}
