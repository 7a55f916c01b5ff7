import { isNumeric, type Column, type Table } from '../table';
import type { MissingSummary } from './types';

/** Missing-cell bitmap of a column, 32 rows per word. */
export function missingBits(column: Column, rows: number): Uint32Array {
  const bits = new Uint32Array(Math.ceil(rows / 32));
  if (isNumeric(column)) {
    const v = column.values;
    for (let i = 0; i < rows; i++) if (v[i] !== v[i]) bits[i >>> 5] |= 1 << (i & 31);
  } else {
    const c = column.codes;
    for (let i = 0; i < rows; i++) if (c[i] < 0) bits[i >>> 5] |= 1 << (i & 31);
  }
  return bits;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Per-column missing counts and how often each pair is missing in the same row. */
/** At most this many columns (those missing most) enter the co-occurrence matrix. */
export const MAX_MISSING_COLUMNS = 100;

export function missingSummary(table: Table): MissingSummary {
  const names: string[] = [];
  const bitmaps: Uint32Array[] = [];
  const counts: number[] = [];
  for (const column of table.columns) {
    const bits = missingBits(column, table.rowCount);
    let c = 0;
    for (let w = 0; w < bits.length; w++) c += popcount(bits[w]);
    if (c > 0) {
      names.push(column.name);
      bitmaps.push(bits);
      counts.push(c);
    }
  }
  // The co-occurrence matrix grows with the square of the columns: keep the most-missing ones.
  if (names.length > MAX_MISSING_COLUMNS) {
    const keep = counts.map((c, i) => [c, i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, MAX_MISSING_COLUMNS).map(([, i]) => i).sort((a, b) => a - b);
    const pick = <T,>(a: T[]) => keep.map((i) => a[i]);
    const [n2, b2, c2] = [pick(names), pick(bitmaps), pick(counts)];
    names.length = 0;
    names.push(...n2);
    bitmaps.length = 0;
    bitmaps.push(...b2);
    counts.length = 0;
    counts.push(...c2);
  }
  const k = names.length;
  const cooccurrence = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    cooccurrence[i][i] = counts[i];
    for (let j = i + 1; j < k; j++) {
      const a = bitmaps[i];
      const b = bitmaps[j];
      let c = 0;
      for (let w = 0; w < a.length; w++) if (a[w] & b[w]) c += popcount(a[w] & b[w]);
      cooccurrence[i][j] = cooccurrence[j][i] = c;
    }
  }
  return { columns: names, counts, cooccurrence };
}
