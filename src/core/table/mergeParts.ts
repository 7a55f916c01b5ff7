import type { CsvPart, PartColumn } from './csvPart';
import { allocFloat64, allocInt32, isShared } from './sharedColumns';

// The merge copies every cell anyway, so its output goes straight to shared memory where the context
// allows it (see `canShare`): the table then reaches the page and the profile workers without another copy.
function concatFloat(a: Float64Array, b: Float64Array): Float64Array {
  const out = allocFloat64(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** `a`'s dictionary extended with `b`'s new entries, and where each of `b`'s codes lands in it. */
function mergeDictionaries(a: string[], b: string[]): { dictionary: string[]; remap: Int32Array } {
  const dictionary = [...a];
  const index = new Map<string, number>();
  dictionary.forEach((s, i) => index.set(s, i));
  const remap = new Int32Array(b.length);
  b.forEach((s, i) => {
    let code = index.get(s);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(s);
      index.set(s, code);
    }
    remap[i] = code;
  });
  return { dictionary, remap };
}

/** Both parts' cells per entry of the merged dictionary; null when either part did not count. */
function mergeCounts(a: PartColumn, b: PartColumn, remap: Int32Array, size: number): Int32Array | null {
  if (!a.counts || !b.counts) return null;
  const counts = new Int32Array(size);
  counts.set(a.counts);
  for (let i = 0; i < b.counts.length; i++) counts[remap[i]] += b.counts[i];
  return counts;
}

function mergeColumn(a: PartColumn, b: PartColumn): PartColumn {
  const common = { sawFloat: a.sawFloat || b.sawFloat, pattern: a.pattern || b.pattern, mismatches: a.mismatches + b.mismatches, missing: a.missing + b.missing };
  if (a.values && b.values) return { ...common, values: concatFloat(a.values, b.values), codes: null, dictionary: null };
  const { dictionary, remap } = mergeDictionaries(a.dictionary!, b.dictionary!);
  const codes = allocInt32(a.codes!.length + b.codes!.length);
  codes.set(a.codes!);
  const offset = a.codes!.length;
  const bc = b.codes!;
  for (let i = 0; i < bc.length; i++) codes[offset + i] = bc[i] < 0 ? -1 : remap[bc[i]];
  return { ...common, values: null, codes, dictionary, counts: mergeCounts(a, b, remap, dictionary.length) };
}

/** Whether a part column still lies in its shared region starting at row `offset` (a sink that outgrew it moved to a plain array). */
function inRegion(c: PartColumn, offset: number, rows: number): boolean {
  const array = c.values ?? c.codes;
  return array !== null && isShared(array) && array.byteOffset === offset * array.BYTES_PER_ELEMENT && array.buffer.byteLength >= (offset + rows) * array.BYTES_PER_ELEMENT;
}

/**
 * Joins consecutive parts parsed into one shared region per column (`a` from row 0, `b` from row
 * `bOffset`) without allocating: `b`'s rows move down to follow `a`'s, string codes remapped on the
 * way. Returns null when a column left its region (the estimate was short): then use `mergeParts`.
 */
export function joinRegions(a: CsvPart, b: CsvPart, bOffset: number): CsvPart | null {
  if (a.end !== b.start) throw new Error(`Parts do not meet: the first ends at byte ${a.end}, the second starts at ${b.start}.`);
  if (a.rows > bOffset || !a.columns.every((c, i) => inRegion(c, 0, a.rows) && inRegion(b.columns[i], bOffset, b.rows))) return null;
  const na = a.rows;
  const nb = b.rows;
  const columns = a.columns.map((ca, i): PartColumn => {
    const cb = b.columns[i];
    const common = { sawFloat: ca.sawFloat || cb.sawFloat, pattern: ca.pattern || cb.pattern, mismatches: ca.mismatches + cb.mismatches, missing: ca.missing + cb.missing };
    if (ca.values && cb.values) {
      // `a`'s buffer: `b`'s view arrived from another thread as a different object over the same memory.
      const all = new Float64Array(ca.values.buffer, 0, bOffset + nb);
      all.copyWithin(na, bOffset, bOffset + nb);
      return { ...common, values: all.subarray(0, na + nb), codes: null, dictionary: null };
    }
    const { dictionary, remap } = mergeDictionaries(ca.dictionary!, cb.dictionary!);
    const all = new Int32Array(ca.codes!.buffer, 0, bOffset + nb);
    // Forward order is safe: row na + r is written only after row bOffset + r (na <= bOffset) was read.
    for (let r = 0; r < nb; r++) {
      const code = all[bOffset + r];
      all[na + r] = code < 0 ? -1 : remap[code];
    }
    return { ...common, values: null, codes: all.subarray(0, na + nb), dictionary, counts: mergeCounts(ca, cb, remap, dictionary.length) };
  });
  return { ...joinedMeta(a, b), columns };
}

function joinedMeta(a: CsvPart, b: CsvPart): Omit<CsvPart, 'columns'> {
  return {
    start: a.start,
    end: b.end,
    rows: a.rows + b.rows,
    raggedRows: [...a.raggedRows, ...b.raggedRows.map((r) => r + a.rows)].slice(0, 20),
    raggedCount: a.raggedCount + b.raggedCount,
    openQuote: b.openQuote >= 0 ? b.openQuote : a.openQuote,
  };
}

/** Joins consecutive parts (the second must start where the first ended): typed arrays are concatenated, dictionary codes remapped. */
export function mergeParts(a: CsvPart, b: CsvPart): CsvPart {
  if (a.end !== b.start) throw new Error(`Parts do not meet: the first ends at byte ${a.end}, the second starts at ${b.start}.`);
  return { ...joinedMeta(a, b), columns: a.columns.map((col, i) => mergeColumn(col, b.columns[i])) };
}
