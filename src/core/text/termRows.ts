import { textKernel, type TermOptions } from './textKernel';
import { scansWords, termTable } from './termTable';
import { takeReadWords, type ReadWords } from './readWords';

/** Sparse rows: row i's entries are `indices`/`values` from `indptr[i]` to `indptr[i + 1]`, columns ascending. */
export interface TermRows {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/**
 * TF-IDF rows of a dictionary-encoded text column (`codes` into `dictionary`, < 0 missing: an
 * empty row), L2-normalised as `textKernel().vectorize` computes them: with `vocabulary`, its
 * terms are the `idf.length` columns; without, terms hash into `idf.length` buckets. Each distinct
 * text is vectorised once and copied to the rows that repeat it.
 */
export function termRows(dictionary: readonly string[], codes: Int32Array, options: TermOptions, vocabulary: readonly string[] | null, idf: ArrayLike<number>): TermRows {
  const kernel = textKernel();
  const stop = new Set(options.stopWords);
  const d = idf.length;
  const table = vocabulary && scansWords(options) ? termTable(vocabulary, options.stopWords) : null;
  const index = vocabulary ? new Map(vocabulary.map((t, j) => [t, j])) : null;
  // Texts that fitting just read need no second reading: their words' columns, or −1 outside the vocabulary.
  const read = table ? takeReadWords(dictionary, options) : null;
  const columnOf = read ? Int32Array.from(read.terms, (t) => index!.get(t) ?? -1) : null;
  const slots = Int32Array.from({ length: d }, (_, j) => j);
  const row = new Float64Array(d);
  const mark = new Uint8Array(d);
  let ids = new Int32Array(1024);
  let touched = new Int32Array(Math.min(d, 1024));
  /** Counts of the ids read from an ASCII text, weighted by idf and normalised into `row`, as the kernel's `vectorize`; the columns in first-seen order. */
  const vectorizeIds = (count: number): ArrayLike<number> & { length: number } => {
    let seen = 0;
    for (let k = 0; k < count; k++) {
      const j = ids[k];
      if (!mark[j]) {
        mark[j] = 1;
        row[j] = 0;
        if (seen === touched.length) touched = grown(touched, new Int32Array(Math.min(d, 2 * seen)));
        touched[seen++] = j;
      }
      row[j] += 1;
    }
    let norm = 0;
    for (let k = 0; k < seen; k++) {
      const j = touched[k];
      mark[j] = 0;
      const v = row[j] * idf[j];
      row[j] = v;
      norm += v * v;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let k = 0; k < seen; k++) row[touched[k]] *= inv;
    }
    return touched.subarray(0, seen);
  };
  // Rows are written in order; a text seen before is copied from its first row (`start` −1 until then).
  const start = new Int32Array(dictionary.length).fill(-1);
  const size = new Int32Array(dictionary.length);
  const indptr = new Int32Array(codes.length + 1);
  let indices = new Int32Array(Math.max(1024, 16 * codes.length));
  let values = new Float64Array(indices.length);
  let used = 0;
  const reserve = (r: number, more: number) => {
    if (used + more <= indices.length) return;
    // Room for the rows to come at the rate so far (a tenth more), so the arrays grow about once.
    const capacity = Math.max(used + more, Math.ceil(((used + more) / (r + 1)) * codes.length * 1.1));
    indices = grown(indices, new Int32Array(capacity));
    values = grown(values, new Float64Array(capacity));
  };
  for (let r = 0; r < codes.length; r++) {
    const code = codes[r];
    if (code >= 0 && start[code] >= 0) {
      const from = start[code];
      const count = size[code];
      reserve(r, count);
      indices.copyWithin(used, from, from + count);
      values.copyWithin(used, from, from + count);
      used += count;
    } else if (code >= 0) {
      const text = dictionary[code];
      if (table && ids.length < text.length) ids = new Int32Array(2 * text.length);
      const count = read && read.count[code] >= 0 ? readIds(read, columnOf!, code, ids) : table ? table.scanWords(text, false, ids) : -1;
      const columns = count >= 0 ? vectorizeIds(count) : kernel.vectorize(text, options, stop, index, idf, row, slots);
      reserve(r, columns.length);
      start[code] = used;
      // Columns ascending within a row, as a dense row lists them; a hashed term can cancel to 0.
      // The ids' columns are scratch that the next text overwrites: sorted in place.
      const ascending = columns instanceof Int32Array ? sortSmall(columns) : Int32Array.from(columns).sort();
      for (let k = 0; k < ascending.length; k++) {
        const j = ascending[k];
        if (row[j] === 0) continue;
        indices[used] = j;
        values[used++] = row[j];
      }
      size[code] = used - start[code];
    }
    indptr[r + 1] = used;
  }
  return { indptr, indices: indices.subarray(0, used), values: values.subarray(0, used) };
}

/** The columns of the words read from text `code` into `out` (words outside the vocabulary left out); returns how many. */
function readIds(read: ReadWords, columnOf: Int32Array, code: number, out: Int32Array): number {
  let count = 0;
  for (let q = read.from[code], end = q + read.count[code]; q < end; q++) {
    const j = columnOf[read.ids[q]];
    if (j >= 0) out[count++] = j;
  }
  return count;
}

/** Sorts `a` ascending in place: by insertion for a text's few dozen columns, where `sort()`'s set-up costs more. */
function sortSmall(a: Int32Array): Int32Array {
  if (a.length > 64) return a.sort();
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    let p = i - 1;
    for (; p >= 0 && a[p] > v; p--) a[p + 1] = a[p];
    a[p + 1] = v;
  }
  return a;
}

function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
