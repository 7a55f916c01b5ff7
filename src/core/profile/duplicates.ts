import { isNumeric, type Table } from '../table';
import { fmix32 } from '../stats';
import type { DatasetOverview } from './types';

/**
 * Exact duplicate rows (NaN equals NaN, as pandas `duplicated()`), with up to 5 examples.
 * Rows are bucketed by the top bits of a 32-bit row hash (one counting-sort pass, stable, so each
 * bucket lists its rows in row order; about one row per bucket) and every candidate with an equal
 * hash is compared cell by cell, so a hash collision never counts.
 */
export function findDuplicates(table: Table): Pick<DatasetOverview, 'duplicateRows' | 'duplicateExamples'> {
  const hashes = rowHashes(table);
  const { starts, order } = bucketRows(hashes);
  let duplicateRows = 0;
  const pairs: [number, number][] = [];
  const buckets = starts.length - 1;
  for (let b = 0; b < buckets; b++) {
    const from = starts[b];
    const to = starts[b + 1];
    if (to - from < 2) continue;
    // Buckets list rows in row order, so the first earlier row with an equal hash and equal cells is the
    // value's first occurrence: nothing needs marking, and a block of copies costs one comparison per row.
    for (let a = from + 1; a < to; a++) {
      const row = order[a];
      const h = hashes[row];
      for (let f = from; f < a; f++) {
        const first = order[f];
        if (hashes[first] !== h || !rowsEqual(table, row, first)) continue;
        duplicateRows++;
        pairs.push([row, first]);
        // Only the 5 lowest rows become examples; keep the list short on very repetitive tables.
        if (pairs.length >= 4096) keepLowest(pairs, 5);
        break;
      }
    }
  }
  keepLowest(pairs, 5);
  const duplicateExamples = pairs.map(([row, firstRow]) => ({ row, firstRow, values: rowValues(table, row) }));
  return { duplicateRows, duplicateExamples };
}

function keepLowest(pairs: [number, number][], k: number): void {
  pairs.sort((x, y) => x[0] - y[0]);
  if (pairs.length > k) pairs.length = k;
}

/**
 * Row numbers grouped by the top bits of their hash (about one row per bucket): bucket b holds
 * `order[starts[b] .. starts[b + 1])`, in ascending row order.
 */
export function bucketRows(hashes: Uint32Array): { starts: Uint32Array; order: Uint32Array } {
  const n = hashes.length;
  const bits = Math.min(24, Math.max(1, Math.ceil(Math.log2(Math.max(2, n))) - 1));
  const shift = 32 - bits;
  const starts = new Uint32Array((1 << bits) + 1);
  for (let i = 0; i < n; i++) starts[(hashes[i] >>> shift) + 1]++;
  for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
  // `starts[b + 1]` is bucket b's end; filling from the last row down leaves each bucket ascending and
  // moves `starts[b + 1]` to bucket b's start, so one shift left restores the layout.
  const order = new Uint32Array(n);
  const ends = starts.subarray(1);
  for (let i = n - 1; i >= 0; i--) order[--ends[hashes[i] >>> shift]] = i;
  starts.copyWithin(0, 1);
  starts[starts.length - 1] = n;
  return { starts, order };
}

/** One 32-bit hash per row, built column by column for cache-friendly access. */
export function rowHashes(table: Table): Uint32Array {
  const h = new Uint32Array(table.rowCount);
  for (const column of table.columns) {
    if (isNumeric(column)) {
      const v = column.values;
      const bits = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
      for (let i = 0; i < h.length; i++) {
        const x = v[i];
        // All NaNs hash alike and -0 like 0, matching the equality used below.
        const lo = x !== x ? 1 : x === 0 ? 0 : bits[2 * i];
        const hi = x !== x ? 0x7ff80000 : x === 0 ? 0 : bits[2 * i + 1];
        h[i] = Math.imul(Math.imul(h[i] ^ lo, 0xcc9e2d51) ^ hi, 0x1b873593) ^ (h[i] >>> 15);
      }
    } else {
      const c = column.codes;
      for (let i = 0; i < h.length; i++) h[i] = Math.imul(h[i] ^ c[i], 0xcc9e2d51) ^ (h[i] >>> 15);
    }
  }
  for (let i = 0; i < h.length; i++) h[i] = fmix32(h[i]);
  return h;
}

function rowsEqual(table: Table, a: number, b: number): boolean {
  for (const column of table.columns) {
    if (isNumeric(column)) {
      const x = column.values[a];
      const y = column.values[b];
      if (x !== y && !(x !== x && y !== y)) return false;
    } else if (column.codes[a] !== column.codes[b]) return false;
  }
  return true;
}

/** A row's cells as JSON-friendly values (missing = null). */
export function rowValues(table: Table, row: number): (string | number | null)[] {
  return table.columns.map((column) => {
    if (isNumeric(column)) {
      const v = column.values[row];
      return v === v ? v : null;
    }
    const c = column.codes[row];
    return c < 0 ? null : column.dictionary[c];
  });
}
