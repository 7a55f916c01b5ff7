import type { NumberRows, NumberSplit } from './numberSplit';
import type { ServedColumn } from './types';

/** Rows read from a request body, or the 4xx answer naming what is wrong (and where). */
export type ReadRows =
  | { ok: true; rows: Record<string, unknown>[]; columns?: readonly string[]; cells?: unknown[][]; numbers?: NumberRows }
  | { ok: false; status: number; code: string; message: string; row?: number; column?: string };

/** Checks rows sent as cell lists, by position; see `RowReader.cellsCheck`. */
export interface CellsCheck {
  columns: readonly string[];
  /** True when no column's values are checked per row (no closed categories), so `check` always passes. */
  open: boolean;
  check(cells: unknown[], index: number): Extract<ReadRows, { ok: false }> | null;
}

export interface RowReader {
  /** MLflow's /invocations body: JSON (dataframe_split, dataframe_records, instances, inputs) or CSV with a header. */
  invocations(contentType: string, body: string): ReadRows;
  /** The same body as UTF-8 bytes when it is JSON dataframe_split of at least `minRows` rows of numbers and nulls (see numberSplit.ts); else null. */
  numbers(contentType: string, bytes: Uint8Array, minRows: number): ReadRows | null;
  /** The Open Inference Protocol (v2) infer body: one input tensor per column. */
  v2(body: string): ReadRows;
  /** Missing, unknown and uncategorised cells of one row (its keys skipped when `keysChecked`): the first problem, or null. */
  check(row: Record<string, unknown>, index: number, keysChecked: boolean): Extract<ReadRows, { ok: false }> | null;
  /**
   * For rows given as cell lists in `columns` order: checks the columns once, and returns `check`
   * for one row by position (no row object) with the column list as one array that stays the same
   * while requests keep sending the same columns (a key for caches); null when the columns are wrong.
   */
  cellsCheck(columns: readonly string[]): CellsCheck | null;
}

/**
 * Reads request bodies into row objects for the scorer and checks them against the served
 * columns. Shipped in serve.mjs with `Function.prototype.toString()`: reads only its arguments and
 * built-ins. `ignore` names a body field that is not a model input (the A/B unit id field);
 * `numberSplit` reads the common large body without JSON.parse; `flatRecord` turns a nested row
 * object into the dotted columns of a model trained on nested JSON ("user.age").
 */
export function rowReader(columns: readonly ServedColumn[], maxRows: number, ignore: string | null, numberSplit: NumberSplit, flatRecord: (row: Record<string, unknown>) => Record<string, unknown>): RowReader {
  const names = new Set(columns.map((c) => c.name));
  const closed = columns.filter((c) => c.categories && c.openCategories === false).map((c) => ({ name: c.name, allowed: new Set(c.categories) }));
  const expected = columns.map((c) => c.name).join(', ');
  const nested = columns.some((c) => c.name.includes('.'));
  type Bad = Extract<ReadRows, { ok: false }>;
  const bad = (status: number, code: string, message: string, row?: number, column?: string): Bad => ({
    ok: false, status, code, message,
    ...(row !== undefined ? { row } : {}),
    ...(column !== undefined ? { column } : {}),
  });
  const invalid = (message: string, row?: number, column?: string) => bad(400, 'INVALID_PARAMETER_VALUE', message, row, column);
  let lastNames: readonly string[] = [];
  let lastShape: Record<string, unknown> = {};
  let lastCells: CellsCheck | null = null;
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

  /**
   * An object with `names` as keys, in order, to copy for each row: copies share one hidden class
   * with the properties in the object itself, where rows built key by key past a dozen columns
   * fall back to slow dictionary objects.
   */
  function sameNames(a: readonly string[], b: readonly string[]): boolean {
    if (a.length !== b.length) return false;
    for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
    return true;
  }
  function shape(names: readonly string[]): Record<string, unknown> {
    // Clients send the same columns request after request: the last shape is kept.
    if (sameNames(names, lastNames)) return lastShape;
    const out: Record<string, unknown> = {};
    for (const name of names) out[name] = null;
    lastNames = names.slice();
    lastShape = out;
    return out;
  }
  /** `columns`: the keys every row has (a tabular body), so they are checked once for the request. */
  function limited(rows: Record<string, unknown>[], columns?: readonly string[]): ReadRows {
    const refused = tooMany(rows.length);
    if (refused !== null) return refused;
    return columns ? { ok: true, rows, columns } : { ok: true, rows };
  }
  function tooMany(n: number): Bad | null {
    if (n === 0) return invalid('The request has no rows; send at least one.');
    if (n > maxRows) return bad(413, 'TOO_MANY_ROWS', 'The request has ' + n + ' rows; the limit is ' + maxRows + '. Split it into smaller requests.');
    return null;
  }
  function objectOf(template: Record<string, unknown>, names: readonly string[], cells: unknown[]): Record<string, unknown> {
    const row: Record<string, unknown> = { ...template };
    for (let j = 0; j < names.length; j++) row[names[j]] = cells[j];
    return row;
  }
  /**
   * A tabular body (dataframe_split, CSV, or numbers read from the bytes): its cell lists and row
   * objects are built only if a caller asks, since a large body is scored from its cell lists or
   * numbers. A class, not an object literal with getters: V8 gave each such literal its own hidden
   * class, kept in the old generation, which held the getter's closure and through it the whole
   * parsed body, so every request's body outlived the young-generation collections and was copied
   * and promoted. A bundle's serve.mjs under 64 connections of single rows (node --trace-gc): scavenges
   * of 4.8 ms every 50 ms with the literal, 0.6 ms with nothing promoted without it.
   */
  class TableRows {
    readonly ok = true as const;
    private objects: Record<string, unknown>[] | null = null;
    constructor(
      readonly columns: readonly string[],
      private lists: unknown[][] | null,
      private readonly makeLists: (() => unknown[][]) | null,
      readonly numbers: NumberRows | undefined,
    ) {}
    get cells(): unknown[][] {
      return (this.lists ??= this.makeLists!());
    }
    get rows(): Record<string, unknown>[] {
      if (this.objects === null) {
        const template = shape(this.columns);
        this.objects = this.cells.map((cells) => objectOf(template, this.columns, cells));
      }
      return this.objects;
    }
  }
  function records(list: unknown, field: string): ReadRows {
    if (!Array.isArray(list)) return invalid('"' + field + '" must be a list of row objects keyed by column name.');
    for (let i = 0; i < list.length; i++) {
      if (!isObject(list[i])) return invalid('Row ' + i + ' of "' + field + '" is not an object keyed by column name; send {"column": value, ...} per row, or use dataframe_split for lists.', i);
    }
    return limited(nested ? (list as Record<string, unknown>[]).map(flatRecord) : (list as Record<string, unknown>[]));
  }
  function split(frame: unknown): ReadRows {
    if (!isObject(frame) || !Array.isArray(frame.columns) || !Array.isArray(frame.data)) {
      return invalid('"dataframe_split" must be {"columns": [...], "data": [[...], ...]}, as pandas writes with orient="split".');
    }
    const cols = frame.columns as unknown[];
    for (let j = 0; j < cols.length; j++) if (typeof cols[j] !== 'string') return invalid('Column ' + j + ' of "dataframe_split" is not a name (string).');
    const data = frame.data as unknown[];
    const refused = tooMany(data.length);
    if (refused !== null) return refused;
    const names = cols as string[];
    for (let i = 0; i < data.length; i++) {
      const cells = data[i];
      if (!Array.isArray(cells) || cells.length !== names.length) {
        return invalid('Row ' + i + ' of "dataframe_split" has ' + (Array.isArray(cells) ? cells.length : 'no list of') + ' values; the columns list has ' + names.length + '.', i);
      }
    }
    return new TableRows(names, data as unknown[][], null, undefined);
  }
  /** {"inputs": {"col": [v, ...], ...}}: one list per column, all the same length. */
  function columnar(byColumn: Record<string, unknown>): ReadRows {
    const keys = Object.keys(byColumn);
    let n = -1;
    for (const k of keys) {
      const values = byColumn[k];
      if (!Array.isArray(values)) return invalid('"inputs" column \'' + k + '\' must be a list of values (one per row).', undefined, k);
      if (n >= 0 && values.length !== n) return invalid('"inputs" column \'' + k + '\' has ' + values.length + ' values; the others have ' + n + '.', undefined, k);
      n = values.length;
    }
    if (n > maxRows) return limited(new Array(n));
    const rows: Record<string, unknown>[] = [];
    const template = shape(keys);
    for (let i = 0; i < Math.max(n, 0); i++) {
      const row: Record<string, unknown> = { ...template };
      for (const k of keys) row[k] = (byColumn[k] as unknown[])[i];
      rows.push(row);
    }
    return limited(rows, keys);
  }
  /** RFC 4180 CSV with a header row; empty cells are missing values. */
  function csv(text: string): ReadRows {
    const records: string[][] = [];
    let field = '';
    let record: string[] = [];
    let quoted = false;
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let wasQuoted = false;
    const cells: (string | null)[][] = [];
    const pushField = () => {
      record.push(wasQuoted || field !== '' ? field : '\u0000');
      field = '';
      wasQuoted = false;
    };
    for (; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else quoted = false;
        } else field += ch;
      } else if (ch === '"' && field === '') {
        quoted = true;
        wasQuoted = true;
      } else if (ch === ',') pushField();
      else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        pushField();
        if (!(record.length === 1 && record[0] === '\u0000')) records.push(record);
        record = [];
      } else field += ch;
    }
    if (quoted) return invalid('The CSV body ends inside a quoted field; close the quote.');
    if (field !== '' || wasQuoted || record.length) {
      pushField();
      records.push(record);
    }
    if (records.length === 0) return invalid('The CSV body is empty; send a header row of column names, then one line per row.');
    const header = records[0].map((h) => (h === '\u0000' ? '' : h.trim()));
    for (let r = 1; r < records.length; r++) {
      if (records[r].length !== header.length) return invalid('CSV line ' + (r + 1) + ' (row ' + (r - 1) + ') has ' + records[r].length + ' fields; the header has ' + header.length + '.', r - 1);
      cells.push(records[r].map((v) => (v === '\u0000' ? null : v)));
    }
    return split({ columns: header, data: cells });
  }
  function json(body: string): { ok: true; value: unknown } | Bad {
    try {
      return { ok: true, value: JSON.parse(body) };
    } catch (e) {
      return bad(400, 'MALFORMED_REQUEST', 'The body is not valid JSON (' + (e as Error).message + ').');
    }
  }

  const reader: RowReader = {
    numbers(contentType, bytes, minRows) {
      if (contentType.split(';')[0].trim().toLowerCase() !== 'application/json') return null;
      const frame = numberSplit(bytes, minRows, maxRows);
      return frame === null ? null : new TableRows(frame.columns, null, frame.cells, frame.numbers);
    },
    invocations(contentType, body) {
      const type = contentType.split(';')[0].trim().toLowerCase();
      if (type === 'text/csv') return csv(body);
      if (type !== 'application/json') {
        return bad(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content type "' + (type || '(none)') + '" is not supported; send application/json or text/csv.');
      }
      const parsed = json(body);
      if (!parsed.ok) return parsed;
      const v = parsed.value;
      if (!isObject(v)) return invalid('The JSON body must be an object with one of "dataframe_split", "dataframe_records", "instances" or "inputs".');
      const keys = Object.keys(v).filter((k) => k !== 'params');
      if (keys.length !== 1) return invalid('The JSON body must have exactly one of "dataframe_split", "dataframe_records", "instances" or "inputs"; it has ' + (keys.length ? keys.map((k) => '"' + k + '"').join(', ') : 'none') + '.');
      const key = keys[0];
      if (key === 'dataframe_split') return split(v[key]);
      if (key === 'dataframe_records' || key === 'instances') return records(v[key], key);
      if (key === 'inputs') return isObject(v[key]) ? columnar(v[key] as Record<string, unknown>) : records(v[key], key);
      return invalid('Unknown field "' + key + '"; use "dataframe_split", "dataframe_records", "instances" or "inputs".');
    },
    v2(body) {
      const parsed = json(body);
      if (!parsed.ok) return parsed;
      const v = parsed.value;
      if (!isObject(v) || !Array.isArray(v.inputs)) return invalid('The body must be {"inputs": [{"name", "shape", "datatype", "data"}, ...]} with one input per column.');
      const byColumn: Record<string, unknown> = {};
      for (const input of v.inputs as unknown[]) {
        if (!isObject(input) || typeof input.name !== 'string' || !Array.isArray(input.data)) return invalid('Each input needs a "name" (the column) and a "data" list.');
        byColumn[input.name] = (input.data as unknown[]).flat();
      }
      return columnar(byColumn);
    },
    check(row, index, keysChecked) {
      if (!keysChecked) {
        for (const key in row) {
          if (!names.has(key) && key !== ignore) return invalid("Row " + index + " has column '" + key + "', which the model does not take; the columns are " + expected + '.', index, key);
        }
        for (const c of columns) {
          if (!(c.name in row)) return invalid("Row " + index + " lacks column '" + c.name + "'; send it (null marks a missing value).", index, c.name);
        }
      }
      for (const c of closed) {
        const v = row[c.name];
        if (v !== null && v !== undefined && v !== '' && !c.allowed.has(String(v))) {
          return invalid("Row " + index + " column '" + c.name + "' holds " + JSON.stringify(String(v).slice(0, 40)) + ', a category unseen in training; send one of ' + [...c.allowed].slice(0, 10).map((s) => JSON.stringify(s)).join(', ') + (c.allowed.size > 10 ? ', …' : '') + ' or null.', index, c.name);
        }
      }
      return null;
    },
    cellsCheck(names) {
      // Clients send the same columns request after request: the last answer is kept.
      if (lastCells !== null && sameNames(names, lastCells.columns)) return lastCells;
      const own = names.slice();
      const keys = shape(own);
      // A column named twice, or a wrong column: the row objects say which row and column.
      if (Object.keys(keys).length !== own.length || reader.check(keys, 0, false) !== null) return null;
      const at = closed.map((c) => own.indexOf(c.name));
      lastCells = {
        columns: own,
        open: closed.length === 0,
        check(cells, index) {
          for (let k = 0; k < closed.length; k++) {
            const v = cells[at[k]];
            if (v !== null && v !== undefined && v !== '' && !closed[k].allowed.has(String(v))) return reader.check(objectOf(keys, own, cells), index, true);
          }
          return null;
        },
      };
      return lastCells;
    },
  };
  return reader;
}
