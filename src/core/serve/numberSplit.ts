/** A dataframe_split body whose every cell is a number or null, read straight into numbers (no list per row). */
export interface NumberRows {
  /** Row after row, in the body's column order; NaN where the body has null. */
  values: Float64Array;
  n: number;
}

export type NumberSplit = typeof numberSplit;

/**
 * Reads the common large body, `{"dataframe_split": {"columns": [...], "data": [[numbers or null], ...]}}`,
 * from its UTF-8 bytes into one Float64Array: no body string (building one from a large body costs
 * as much again as reading it), and no list and boxed number per row as JSON.parse makes. Anything
 * else (another shape or key, an escape, a string or boolean cell, rows of unequal length, no rows or
 * fewer than `minRows` or more than `maxRows`) answers null, and the body goes through JSON.parse. Numbers are JSON.parse's
 * to the bit: up to 15 digits with a power of ten up to 22 is one correctly rounded IEEE operation on
 * exact operands; other numbers go to Number, which reads JSON's number grammar as JSON.parse does.
 * `cells()` builds the lists JSON.parse would have given (null for NaN), once, for callers that need them.
 * Shipped in serve.mjs with `Function.prototype.toString()`: reads only its arguments and built-ins.
 */
export function numberSplit(b: Uint8Array, minRows: number, maxRows: number): { columns: string[]; numbers: NumberRows; cells(): unknown[][] } | null {
  const len = b.length;
  // A body with fewer than minRows rows (a ']' ends each) is left to JSON.parse unread: a scan of a
  // small body costs more than it saves.
  for (let at = -1, k = 0; k <= minRows; k++) if ((at = b.indexOf(93, at + 1)) < 0) return null;
  let i = 0;
  const ws = () => {
    for (let c = b[i]; c === 32 || c === 10 || c === 13 || c === 9; c = b[++i]);
  };
  /** Skips whitespace, the character `code` and whitespace; false when another character comes. */
  const at = (code: number) => {
    ws();
    if (b[i] !== code) return false;
    i++;
    ws();
    return true;
  };
  /** A string with no escape or control character, from its opening quote; null otherwise. */
  const text = (): string | null => {
    if (b[i] !== 34) return null;
    const start = ++i;
    let ascii = true;
    for (let c = b[i]; i < len; c = b[++i]) {
      if (c === 34) {
        const name = b.subarray(start, i++);
        // Other scripts are read as the whole body's decoding reads them (a leading U+FEFF kept, as JSON.parse keeps it).
        return ascii && name.length < 4096 ? String.fromCharCode(...name) : new TextDecoder('utf-8', { ignoreBOM: true }).decode(name);
      }
      if (c === 92 || c < 32) return null;
      if (c > 127) ascii = false;
    }
    return null;
  };
  const POW10 = new Float64Array(23);
  for (let k = 0, p = 1; k < 23; k++, p *= 10) POW10[k] = p;
  let values = new Float64Array(4096);
  let count = 0;
  let width = -1;
  let n = -1;
  /**
   * The data list from just after its '[' (`from`): every row's cells into `values` (NaN for null), rows counted
   * in `n`; the index after its ']', or -1 when a row or cell is not one this reader takes. One loop
   * over locals, since it runs over every character of the body.
   */
  function data(from: number): number {
    let p = from;
    let c = b[p];
    let k = count;
    let rows = 0;
    let w = -1;
    let out = values;
    while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p];
    if (c !== 93) {
      for (;;) {
        if (c !== 91) return -1;
        c = b[++p];
        while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p];
        const first = k;
        if (c !== 93) {
          for (;;) {
            const start = p;
            let v: number;
            if (c === 110) {
              if (b[p + 1] !== 117 || b[p + 2] !== 108 || b[p + 3] !== 108) return -1;
              p += 4;
              c = b[p];
              v = NaN;
            } else {
              const negative = c === 45;
              if (negative) c = b[++p];
              let m = 0;
              let digits = 0;
              let exp = 0;
              if (c === 48) c = b[++p];
              else if (c >= 49 && c <= 57) {
                for (; c >= 48 && c <= 57; c = b[++p], digits++) m = m * 10 + (c - 48);
              } else return -1;
              if (c === 46) {
                c = b[++p];
                if (!(c >= 48 && c <= 57)) return -1;
                for (; c >= 48 && c <= 57; c = b[++p], digits++, exp--) m = m * 10 + (c - 48);
              }
              if (c === 101 || c === 69) {
                c = b[++p];
                const down = c === 45;
                if (c === 43 || c === 45) c = b[++p];
                if (!(c >= 48 && c <= 57)) return -1;
                let e = 0;
                for (; c >= 48 && c <= 57; c = b[++p]) e = e * 10 + (c - 48);
                exp += down ? -e : e;
              }
              if (digits > 15 || exp > 22 || exp < -22) v = Number(p - start < 4096 ? String.fromCharCode(...b.subarray(start, p)) : new TextDecoder().decode(b.subarray(start, p)));
              else {
                v = exp < 0 ? m / POW10[-exp] : m * POW10[exp];
                if (negative) v = -v;
              }
            }
            if (k === out.length) {
              const grown = new Float64Array(out.length * 2);
              grown.set(out);
              out = grown;
            }
            out[k++] = v;
            while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p];
            if (c === 93) break;
            if (c !== 44) return -1;
            c = b[++p];
            while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p];
          }
        }
        if (w < 0) w = k - first;
        else if (k - first !== w) return -1;
        rows++;
        c = b[++p];
        while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p];
        if (c === 93) break;
        if (c !== 44) return -1;
        c = b[++p];
        while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p];
      }
    }
    values = out;
    count = k;
    width = w;
    n = rows;
    return p + 1;
  }

  if (!at(123) || text() !== 'dataframe_split' || !at(58) || !at(123)) return null;
  let columns: string[] | null = null;
  for (;;) {
    const key = text();
    if (!at(58) || !at(91)) return null;
    if (key === 'columns' && columns === null) {
      columns = [];
      if (!at(93)) {
        do {
          const name = text();
          if (name === null) return null;
          columns.push(name);
        } while (at(44));
        if (!at(93)) return null;
      }
    } else if (key === 'data' && n < 0) {
      i = data(i);
      if (i < 0) return null;
    } else return null;
    if (at(125)) break;
    if (!at(44)) return null;
  }
  if (!at(125) || i !== len || columns === null || width !== columns.length || n === 0 || n < minRows || n > maxRows) return null;
  const numbers = { values: values.subarray(0, count), n };
  let lists: unknown[][] | null = null;
  const cells = () => {
    if (lists === null) {
      lists = new Array<unknown[]>(n);
      for (let r = 0; r < n; r++) {
        const row = new Array<unknown>(width);
        for (let j = 0; j < width; j++) {
          const v = numbers.values[r * width + j];
          row[j] = v !== v ? null : v;
        }
        lists[r] = row;
      }
    }
    return lists;
  };
  return { columns, numbers, cells };
}
