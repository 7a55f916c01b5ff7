/** The slices of one source column over the evaluated rows: its categories, or quantile ranges of its numbers. */
import { quantileSorted, upperBound } from '../stats';
import { booleanWord, isNumeric, type Column, type NumericColumn, type StringColumn } from '../table';

/** What a slice holds, as data; `sliceLabel` (explain) puts it in words. */
export type SliceKey =
  | { kind: 'category'; value: string }
  /** Every category past the most frequent ones. */
  | { kind: 'other'; categories: number }
  | { kind: 'missing' }
  /** One value of a numeric column with few distinct values (booleans as 0/1, with the file's word for it). */
  | { kind: 'value'; value: number; type: 'number' | 'boolean' | 'date'; word?: string }
  /** A quantile bin: the smallest and largest value of its rows. */
  | { kind: 'range'; low: number; high: number; type: 'number' | 'date' };

export interface SliceGroup {
  key: SliceKey;
  /** Positions (into the evaluated rows) of the slice's rows, ascending. */
  members: Int32Array;
}

export interface GroupOptions {
  /** Categories kept by name, most frequent first; the rest form "other". */
  maxCategories: number;
  /** Quantile bins of a numeric column (5 = quintiles). */
  bins: number;
  /** A numeric column with at most this many distinct values gets one slice per value. */
  maxValues: number;
}

const DAY = 86_400_000;

/** Text and identifier columns have (nearly) one value per row: no slice of them means anything. */
export function sliceable(column: Column): boolean {
  return isNumeric(column) || column.type === 'categorical';
}

/** The slices of `column` over `rows` (source row of each evaluated position). Empty slices are left out. */
export function sliceGroups(column: Column, rows: ArrayLike<number>, options: GroupOptions): SliceGroup[] {
  return isNumeric(column) ? numericGroups(column, rows, options) : categoryGroups(column, rows, options);
}

function collect(n: number, slot: (p: number) => number, slots: number): Int32Array[] {
  const counts = new Int32Array(slots);
  for (let p = 0; p < n; p++) counts[slot(p)]++;
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(slots);
  for (let p = 0; p < n; p++) {
    const s = slot(p);
    out[s][fill[s]++] = p;
  }
  return out;
}

function categoryGroups(column: StringColumn, rows: ArrayLike<number>, options: GroupOptions): SliceGroup[] {
  const counts = new Int32Array(column.dictionary.length);
  for (let p = 0; p < rows.length; p++) {
    const code = column.codes[rows[p]];
    if (code >= 0) counts[code]++;
  }
  const present = [...counts.keys()].filter((c) => counts[c] > 0);
  // Most frequent first; equal counts by name, so the same data always gives the same slices.
  present.sort((a, b) => counts[b] - counts[a] || (column.dictionary[a] < column.dictionary[b] ? -1 : column.dictionary[a] > column.dictionary[b] ? 1 : 0));
  const kept = present.slice(0, options.maxCategories);
  const slotOf = new Int32Array(column.dictionary.length).fill(kept.length);
  kept.forEach((code, s) => (slotOf[code] = s));
  const missing = kept.length + 1;
  const members = collect(rows.length, (p) => (column.codes[rows[p]] < 0 ? missing : slotOf[column.codes[rows[p]]]), kept.length + 2);
  const groups: SliceGroup[] = kept.map((code, s) => ({ key: { kind: 'category', value: column.dictionary[code] }, members: members[s] }));
  groups.push({ key: { kind: 'other', categories: present.length - kept.length }, members: members[kept.length] });
  groups.push({ key: { kind: 'missing' }, members: members[missing] });
  return groups.filter((g) => g.members.length > 0);
}

function numericGroups(column: NumericColumn, rows: ArrayLike<number>, options: GroupOptions): SliceGroup[] {
  // Plain loops: typed-array callbacks cost several times more on every column of 100,000 rows.
  const values = new Float64Array(rows.length);
  let present = 0;
  for (let p = 0; p < rows.length; p++) {
    values[p] = column.values[rows[p]];
    if (values[p] === values[p]) present++;
  }
  const sorted = new Float64Array(present);
  const missing: SliceGroup = { key: { kind: 'missing' }, members: new Int32Array(rows.length - present) };
  for (let p = 0, a = 0, b = 0; p < values.length; p++) {
    if (values[p] === values[p]) sorted[a++] = values[p];
    else missing.members[b++] = p;
  }
  sorted.sort();
  const type = column.type === 'datetime' ? 'date' : 'number';
  const distinct = distinctValues(sorted, options.maxValues + 1);
  let groups: SliceGroup[];
  if (distinct.length <= options.maxValues) {
    const members = collect(values.length, (p) => (values[p] === values[p] ? upperBound(distinct, values[p]) - 1 : distinct.length), distinct.length + 1);
    const valueType = column.type === 'boolean' ? 'boolean' : type;
    groups = Array.from(distinct, (value, s) => ({ key: { kind: 'value', value, type: valueType, ...(valueType === 'boolean' ? { word: booleanWord(column, value) } : {}) }, members: members[s] }));
  } else {
    const cuts = niceCuts(sorted, options.bins, column.type === 'datetime');
    const members = collect(values.length, (p) => (values[p] === values[p] ? upperBound(cuts, values[p]) : cuts.length + 1), cuts.length + 2);
    groups = members.slice(0, cuts.length + 1).map((m) => ({ key: rangeOf(values, m, type), members: m }));
  }
  return [...groups, missing].filter((g) => g.members.length > 0);
}

/** Up to `limit` distinct values of an ascending array. */
function distinctValues(sorted: Float64Array, limit: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < sorted.length && out.length < limit; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]);
  return Float64Array.from(out);
}

function rangeOf(values: Float64Array, members: Int32Array, type: 'number' | 'date'): SliceKey {
  let low = Infinity;
  let high = -Infinity;
  for (const p of members) {
    low = Math.min(low, values[p]);
    high = Math.max(high, values[p]);
  }
  return { kind: 'range', low, high, type };
}

/**
 * Cut points between quantile bins (a value below a cut falls in the bin before it), rounded to as
 * few significant digits as keep them apart, or to whole days for dates, so the bins read well.
 */
export function niceCuts(sorted: ArrayLike<number>, bins: number, dates = false): Float64Array {
  const n = sorted.length;
  if (n === 0) return new Float64Array(0);
  const min = sorted[0];
  const max = sorted[n - 1];
  const inside = (cuts: number[]) => [...new Set(cuts)].filter((c) => c > min && c <= max).sort((a, b) => a - b);
  const raw = inside(Array.from({ length: bins - 1 }, (_, i) => quantileSorted(sorted, (i + 1) / bins)));
  const integers = Array.prototype.every.call(sorted, (v: number) => Number.isInteger(v));
  if (dates) return Float64Array.from(max - min > 30 * DAY ? inside(raw.map((c) => Math.round(c / DAY) * DAY)) : raw);
  for (let digits = 2; digits <= 15; digits++) {
    const rounded = inside(raw.map((c) => (integers ? Math.round(Number(c.toPrecision(digits))) : Number(c.toPrecision(digits)))));
    if (rounded.length === raw.length) return Float64Array.from(rounded);
  }
  return Float64Array.from(raw);
}
