import { decodeWindows1252 } from './windows1252';
import { flatRecord } from './flatRecord';
import { columnsFromCells } from './columnsFromCells';
import { detectBom } from './encoding';
import type { ReadOptions } from './readOptions';
import { DataError, type IngestWarning, type ReadResult, type SourceFormat } from './types';

/** Nesting deeper than this is refused before `JSON.parse` (guards against "billion laughs" input). */
export const MAX_JSON_DEPTH = 256;

/** Decodes text bytes: BOM-aware, strict UTF-8 with a windows-1252 fallback (warned). */
export function decodeText(bytes: Uint8Array, fileName: string, warnings: IngestWarning[]): { text: string; encoding: string } {
  const bom = detectBom(bytes);
  const body = bytes.subarray(bom.bomLength);
  if (bom.encoding !== 'utf-8') return { text: new TextDecoder(bom.encoding).decode(body), encoding: bom.encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: bom.bomLength ? 'utf-8-bom' : 'utf-8' };
  } catch {
    warnings.push({ code: 'encoding-fallback', message: `"${fileName}" is not valid UTF-8; it was read as Windows-1252. If accented letters look wrong, save the file as UTF-8 and load it again.` });
    return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  }
}

/** Throws when brackets nest deeper than `MAX_JSON_DEPTH` (strings skipped). */
export function assertJsonDepth(text: string, fileName: string, line = 0): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new DataError(`"${fileName}"${line ? ` line ${line}` : ''} nests arrays/objects more than ${MAX_JSON_DEPTH} levels deep (at character ${i + 1}); it was not read. Flatten the data to one record per row.`, { file: fileName, row: line || undefined, code: 'json-too-deep' });
      }
    } else if (c === 93 || c === 125) depth--;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const keys = Object.keys(value as object);
    return keys.length ? `an object with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}` : 'an empty object';
  }
  return `a ${typeof value}`;
}

function cellOf(value: unknown, fileName: string, row: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) throw new DataError(`Record ${row} of "${fileName}" is nested too deeply to store as text. Flatten it and load again.`, { file: fileName, row, code: 'json-too-deep' });
    throw error;
  }
}

/**
 * Turns records into columns: keys in first-seen order; a nested object's fields become columns of
 * their own named by their path ("user.age"), as pandas' json_normalize names them; arrays, and
 * objects nested deeper than four levels, as JSON text.
 */
export function recordsToResult(records: unknown[], fileName: string, format: SourceFormat, options: ReadOptions, warnings: IngestWarning[], encoding: string, bytes: number, started: number, rowBase = 0): ReadResult {
  const index = new Map<string, number>();
  const cells: (string | null)[][] = [];
  const made: string[] = [];
  records.forEach((record, r) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      const where = format === 'ndjson' ? `Line ${rowBase + r + 1}` : `Element ${r + 1}`;
      throw new DataError(`${where} of "${fileName}" is ${describe(record)}; expected a record (an object like {"name": value}). Make every ${format === 'ndjson' ? 'line' : 'element'} an object.`, { file: fileName, row: rowBase + r + 1, code: 'json-not-records' });
    }
    const flat = flatRecord(record as Record<string, unknown>);
    for (const key of Object.keys(flat)) {
      let c = index.get(key);
      if (c === undefined) {
        c = cells.length;
        index.set(key, c);
        cells.push(new Array<string | null>(records.length).fill(null));
        if (flat !== record && !Object.hasOwn(record, key)) made.push(key);
      }
      cells[c][r] = cellOf(flat[key], fileName, rowBase + r + 1);
    }
  });
  const names = [...index.keys()];
  if (made.length) {
    const examples = made.slice(0, 3).map((n) => `"${n}"`).join(', ');
    warnings.push({ code: 'json-flattened', count: made.length, message: `Nested fields of "${fileName}" became ${made.length === 1 ? 'a column' : `${made.length} columns`} named by their path (${examples}${made.length > 3 ? ', …' : ''}). Scoring requests may send them under those names or nested, as in the file.` });
  }
  if (records.length === 0) warnings.push({ code: 'header-only', message: `"${fileName}" holds no records; the table is empty.` });
  const columns = columnsFromCells(names, cells, options, warnings);
  return { table: { name: fileName, rowCount: records.length, columns }, warnings, meta: { format, fileName, bytes, encoding, parseMs: performance.now() - started } };
}

/** Reads a JSON array of records. */
export function readJsonBytes(bytes: Uint8Array, fileName: string, options: ReadOptions): ReadResult {
  const started = performance.now();
  const warnings: IngestWarning[] = [];
  const { text, encoding } = decodeText(bytes, fileName, warnings);
  assertJsonDepth(text, fileName);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new DataError(`"${fileName}" is nested too deeply to read. Flatten the data to one record per row.`, { file: fileName, code: 'json-too-deep' });
    throw new DataError(`"${fileName}" is not valid JSON (${(error as Error).message}). Check the file is complete, or save it as CSV.`, { file: fileName, code: 'json-syntax' });
  }
  if (!Array.isArray(value)) {
    let hint = '';
    if (value !== null && typeof value === 'object') {
      const inner = Object.keys(value).find((k) => Array.isArray((value as Record<string, unknown>)[k]));
      if (inner !== undefined) hint = ` The array under "${inner}" may be what you want: save it as its own file.`;
    }
    throw new DataError(`The JSON's top level is ${describe(value)}; expected an array of records like [{"a": 1}, {"a": 2}].${hint}`, { file: fileName, code: 'json-not-records' });
  }
  return recordsToResult(value, fileName, 'json', options, warnings, encoding, bytes.length, started);
}

/** Parses NDJSON lines (blank lines skipped); `lineBase` numbers lines for errors. */
export function parseNdjsonLines(lines: string[], fileName: string, lineBase = 0): unknown[] {
  const records: unknown[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    assertJsonDepth(line, fileName, lineBase + i + 1);
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      throw new DataError(`Line ${lineBase + i + 1} of "${fileName}" is not valid JSON (${(error as Error).message}). Fix or delete that line.`, { file: fileName, row: lineBase + i + 1, code: 'json-syntax' });
    }
  });
  return records;
}

/** Reads newline-delimited JSON: one record per line. */
export function readNdjsonBytes(bytes: Uint8Array, fileName: string, options: ReadOptions): ReadResult {
  const started = performance.now();
  const warnings: IngestWarning[] = [];
  const { text, encoding } = decodeText(bytes, fileName, warnings);
  const records = parseNdjsonLines(text.split(/\r?\n|\r/), fileName);
  return recordsToResult(records, fileName, 'ndjson', options, warnings, encoding, bytes.length, started);
}
