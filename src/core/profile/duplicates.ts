import { isNumeric, type Table } from '../table/types';
import { argsortUint32, fmix32 } from '../stats';
import type { DatasetOverview } from './types';

/**
 * Exact duplicate rows (NaN equals NaN, as pandas `duplicated()`), with up to 5 examples.
 * Rows are grouped by a 32-bit hash (radix argsort, stable so each group is in row order)
 * and every candidate is compared cell by cell, so a hash collision never counts.
 */
export function findDuplicates(table: Table): Pick<DatasetOverview, 'duplicateRows' | 'duplicateExamples'> {
  const n = table.rowCount;
  const hashes = rowHashes(table);
  const { keys, order } = argsortUint32(hashes);
  let duplicateRows = 0;
  const pairs: [number, number][] = [];
  let i = 0;
  while (i < n) {
    let j = i + 1;
    const h = keys[i];
    while (j < n && keys[j] === h) j++;
    if (j === i + 1) {
      i = j;
      continue;
    }
    // Compare each row only with the group's distinct rows so far (first occurrences),
    // so a block of identical rows costs one comparison per row.
    const firsts = [order[i]];
    for (let a = i + 1; a < j; a++) {
      const row = order[a];
      const first = firsts.find((f) => rowsEqual(table, row, f));
      if (first === undefined) firsts.push(row);
      else {
        duplicateRows++;
        pairs.push([row, first]);
      }
    }
    i = j;
  }
  pairs.sort((x, y) => x[0] - y[0]);
  const duplicateExamples = pairs.slice(0, 5).map(([row, firstRow]) => ({ row, firstRow, values: rowValues(table, row) }));
  return { duplicateRows, duplicateExamples };
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
