import type { ColumnType } from '../table';
import {
  computeMoments,
  createHyperLogLog,
  createKll,
  createRng,
  kurtosis,
  madSorted,
  mergeMoments,
  skewness,
  sortFloat64,
  variance,
  type Moments,
} from '../stats';
import { calendarCounts } from './calendar';
import { QUANTILE_KEYS, type ColumnProfile, type Quantiles } from './types';

/** Values kept (seeded reservoir) for the MAD, which has no one-pass form. */
const RESERVOIR = 65_536;

/** One-pass state for an integer, float or datetime column. */
export function createNumericStream(name: string, type: ColumnType, seed: number) {
  let moments: Moments = computeMoments([]);
  let missing = 0;
  let infinite = 0;
  let zeros = 0;
  let negatives = 0;
  let min = Infinity;
  let max = -Infinity;
  const kll = createKll(1024, seed);
  const hll = createHyperLogLog(14);
  const infinities = new Set<number>();
  const rng = createRng(seed);
  const reservoir = new Float64Array(RESERVOIR);
  let seen = 0;
  const lowest: number[] = [];
  const highest: number[] = [];
  const calendar = { byYear: new Map<number, number>(), byMonth: new Array(12).fill(0), byWeekday: new Array(7).fill(0), byHour: new Array(24).fill(0), allMidnight: true };
  let memoryBytes = 0;

  const keepExtremes = (sorted: Float64Array) => {
    lowest.push(...sorted.subarray(0, 5));
    highest.push(...sorted.subarray(Math.max(0, sorted.length - 5)));
    lowest.sort((a, b) => a - b).splice(5);
    highest.sort((a, b) => b - a).splice(5);
  };

  return {
    add(values: Float64Array) {
      memoryBytes += values.byteLength;
      const finite = new Float64Array(values.length);
      let k = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v - v === 0) {
          finite[k++] = v;
          kll.update(v);
          hll.addNumber(v);
          if (v === 0) zeros++;
          else if (v < 0) negatives++;
          // Algorithm R: every value ends in the reservoir with equal probability.
          if (seen < RESERVOIR) reservoir[seen] = v;
          else {
            const j = rng.int(seen + 1);
            if (j < RESERVOIR) reservoir[j] = v;
          }
          seen++;
        } else if (v !== v) missing++;
        else {
          infinite++;
          infinities.add(v);
        }
      }
      const sorted = sortFloat64(finite.subarray(0, k));
      if (k) {
        min = Math.min(min, sorted[0]);
        max = Math.max(max, sorted[k - 1]);
        keepExtremes(sorted);
      }
      moments = mergeMoments(moments, computeMoments(sorted));
      if (type === 'datetime') {
        const c = calendarCounts(sorted);
        for (const { year, count } of c.byYear) calendar.byYear.set(year, (calendar.byYear.get(year) ?? 0) + count);
        c.byMonth.forEach((x, i) => (calendar.byMonth[i] += x));
        c.byWeekday.forEach((x, i) => (calendar.byWeekday[i] += x));
        c.byHour.forEach((x, i) => (calendar.byHour[i] += x));
        calendar.allMidnight &&= c.allMidnight;
      }
    },
    finish(rows: number): ColumnProfile {
      const count = rows - missing;
      const distinct = Math.round(hll.estimate()) + infinities.size;
      const base = { name, type, count, missing, distinct, uniqueRatio: count ? Math.min(1, distinct / count) : 0, memoryBytes, approximate: true };
      const n = moments.n;
      if (type === 'datetime') {
        return {
          ...base,
          datetime: {
            min: n ? min : NaN,
            max: n ? max : NaN,
            rangeMs: max - min,
            frequency: null,
            byYear: [...calendar.byYear].sort((a, b) => a[0] - b[0]).map(([year, c]) => ({ year, count: c })),
            byMonth: calendar.byMonth,
            byWeekday: calendar.byWeekday,
            ...(calendar.allMidnight ? {} : { byHour: calendar.byHour }),
          },
        };
      }
      const quantiles = {} as Quantiles;
      for (const key of QUANTILE_KEYS) quantiles[key] = n ? kll.quantile(Number(key)) : NaN;
      const iqr = quantiles['0.75'] - quantiles['0.25'];
      const lowerFence = quantiles['0.25'] - 1.5 * iqr;
      const upperFence = quantiles['0.75'] + 1.5 * iqr;
      const std = Math.sqrt(variance(moments));
      const sample = sortFloat64(reservoir.slice(0, Math.min(seen, RESERVOIR)));
      const bins = Math.max(1, Math.min(50, Math.ceil(Math.log2(Math.max(1, n)) + 1)));
      const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + (i * (max - min)) / bins));
      const cdf = edges.map((e, i) => (i === 0 ? 0 : i === bins ? 1 : kll.cdf(e)));
      const counts = Array.from({ length: bins }, (_, i) => Math.round(n * (cdf[i + 1] - cdf[i])));
      const below = Math.round(n * kll.cdf(lowerFence));
      const above = Math.round(n * (1 - kll.cdf(upperFence)));
      return {
        ...base,
        numeric: {
          min: n ? min : NaN,
          max: n ? max : NaN,
          range: max - min,
          mean: moments.mean,
          std,
          variance: variance(moments),
          sum: moments.sum,
          skewness: skewness(moments),
          kurtosis: kurtosis(moments),
          cv: std / moments.mean,
          mad: madSorted(sample),
          quantiles,
          iqr,
          zeros,
          negatives,
          infinite,
          outliers: { count: below + above, low: lowest.filter((v) => v < lowerFence), high: highest.filter((v) => v > upperFence), lowerFence, upperFence },
          histogram: { edges, counts },
        },
      };
    },
  };
}
