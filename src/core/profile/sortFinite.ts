import { sortFloat64 } from '../stats';
import { countLattice } from './latticeCounts';

/** Finite values of a column, ascending, plus the counts the sort does not give. */
export interface SortedFinite {
  sorted: Float64Array;
  missing: number;
  infinite: number;
  distinctInfinite: number;
}

/** What one pass over a column finds out before anything is sorted or counted. */
export interface FiniteScan {
  /** Finite values. */
  finite: number;
  missing: number;
  infinite: number;
  /** 0, 1 or 2: how many of +Infinity and -Infinity occur. */
  distinctInfinite: number;
  /** Smallest and largest finite value (±Infinity when there is none). */
  min: number;
  max: number;
  /** Every finite value is `min + s·step` for an integer slot `s < slots` (step 0: one slot). */
  step: number;
  slots: number;
  /**
   * True when the column is tall enough and its values lie on a small enough integer lattice to be
   * counted per slot (`countLattice`) rather than sorted.
   */
  countable: boolean;
}

/** Below this many finite values the general sort is as fast as counting. */
const MIN_COUNTING = 1 << 14;
const SAFE = Number.MAX_SAFE_INTEGER;

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * One pass to count NaN / ±Infinity, find the range and whether the finite values are integers on a
 * small lattice (each is min + k·step, with at most max(65,536, n) steps from min to max: counts,
 * years, minutes as epoch ms). Columns holding -0 are never countable, which keeps -0 before +0.
 */
export function scanFinite(values: Float64Array): FiniteScan {
  const n = values.length;
  let k = 0;
  let missing = 0;
  let posInf = 0;
  let negInf = 0;
  let min = Infinity;
  let max = -Infinity;
  let lattice = true;
  let base = NaN;
  let step = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v === 0) {
      k++;
      if (v < min) min = v;
      if (v > max) max = v;
      if (!lattice) continue;
      if (Math.floor(v) !== v || v > SAFE || v < -SAFE || (v === 0 && 1 / v < 0)) lattice = false;
      else if (base !== base) base = v;
      else {
        const d = v > base ? v - base : base - v;
        if (step === 0 ? d !== 0 : d % step !== 0) step = gcd(d, step);
      }
    } else if (v !== v) missing++;
    else if (v > 0) posInf++;
    else negInf++;
  }
  const slots = step === 0 ? 1 : (max - min) / step + 1;
  return {
    finite: k,
    missing,
    infinite: posInf + negInf,
    distinctInfinite: (posInf ? 1 : 0) + (negInf ? 1 : 0),
    min,
    max,
    step,
    slots,
    countable: lattice && k >= MIN_COUNTING && slots <= Math.max(65_536, k),
  };
}

/**
 * `scanFinite`, then a sort of the finite values into a new array. Countable columns are
 * counting-sorted, which is several times faster than the radix sort and needs no scratch copy; the
 * result is the same array either way. The sorted values go into `scratch` when it is long enough
 * (the result is then a view on it, valid until `scratch` is reused), else into a new array.
 */
export function sortFinite(values: Float64Array, scratch?: Float64Array): SortedFinite {
  const scan = scanFinite(values);
  return { sorted: sortScanned(values, scan, scratch), missing: scan.missing, infinite: scan.infinite, distinctInfinite: scan.distinctInfinite };
}

/** The sorting half of `sortFinite`, for a column already scanned. */
export function sortScanned(values: Float64Array, scan: FiniteScan, scratch?: Float64Array): Float64Array {
  const k = scan.finite;
  const into = scratch && scratch.length >= k ? scratch.subarray(0, k) : new Float64Array(k);
  return scan.countable ? countingSort(values, into, scan) : generalSort(values, into);
}

/** Finite values gathered into `sorted` (sized for them), then radix-sorted. */
function generalSort(values: Float64Array, sorted: Float64Array): Float64Array {
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) sorted[j++] = v;
  }
  return sortFloat64(sorted);
}

/** Counting sort of the finite values into `sorted` (sized for them). */
function countingSort(values: Float64Array, sorted: Float64Array, scan: FiniteScan): Float64Array {
  const { min, step, counts } = countLattice(values, scan);
  let at = 0;
  for (let s = 0; s < counts.length; s++) {
    const c = counts[s];
    if (c === 0) continue;
    sorted.fill(min + s * step, at, at + c);
    at += c;
  }
  return sorted;
}
