import { Table as ArrowTable, columnFromArray, dictionary, dictionaryContext, field, float64, int32, tableFromIPC, tableToIPC, utf8, Type, Version, Endianness } from '@uwdata/flechette';
import { stringSubtype } from './stringSubtype';
import { COLUMN_TYPES, DataError, isNumeric, isString, type Column, type ColumnType, type Table } from './types';

const TYPE_KEY = 'modelbench:type';
const FORMAT_KEY = 'modelbench:format';
const INFERRED_KEY = 'modelbench:inferred';

/**
 * Encodes a table as Arrow IPC (stream format): numbers as float64 (NaN = missing), strings as
 * dictionary<utf8, int32> with nulls. Column types ride along as field metadata, so
 * `tableFromArrowIPC` restores them exactly.
 */
export function tableToArrowIPC(table: Table): Uint8Array {
  const dicts = dictionaryContext();
  const columns = table.columns.map((c) => {
    if (isNumeric(c)) return columnFromArray(c.values, float64());
    const values = Array.from(c.codes, (code) => (code < 0 ? null : c.dictionary[code]));
    return columnFromArray(values, dictionary(utf8(), int32()), {}, dicts);
  });
  const fields = table.columns.map((c, i) => {
    const metadata = new Map<string, string>([[TYPE_KEY, c.type], [INFERRED_KEY, c.inferredType]]);
    if (isNumeric(c) && c.format) metadata.set(FORMAT_KEY, c.format);
    return field(c.name, columns[i].type, true, metadata);
  });
  const schema = { version: Version.V5, endianness: Endianness.Little, fields, metadata: null };
  const bytes = tableToIPC(new ArrowTable(schema, columns), { format: 'stream' });
  if (!bytes) throw new Error(`Arrow encoding of "${table.name}" produced no bytes.`);
  return bytes;
}

function toNumber(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  return NaN;
}

function typeFromArrow(typeId: number, meta: Map<string, string> | null): ColumnType {
  const stored = meta?.get(TYPE_KEY) as ColumnType | undefined;
  if (stored && COLUMN_TYPES.includes(stored)) return stored;
  if (typeId === Type.Int) return 'integer';
  if (typeId === Type.Float || typeId === Type.Decimal) return 'float';
  if (typeId === Type.Bool) return 'boolean';
  if (typeId === Type.Date || typeId === Type.Timestamp) return 'datetime';
  return 'categorical';
}

/** Builds a table column from any array of JS values, given its type. */
export function columnFromValues(name: string, type: ColumnType, array: ArrayLike<unknown>, inferred: ColumnType = type, format?: string): Column {
  if (type === 'integer' || type === 'float' || type === 'boolean' || type === 'datetime') {
    const values = array instanceof Float64Array ? new Float64Array(array) : Float64Array.from({ length: array.length }, (_, i) => toNumber(array[i]));
    const column: Column = { name, type, inferredType: inferred, values };
    if (format) column.format = format;
    return column;
  }
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(array.length);
  for (let i = 0; i < array.length; i++) {
    const v = array[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x)) : String(v);
    let code = index.get(s);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(s);
      index.set(s, code);
    }
    codes[i] = code;
  }
  return { name, type: type as 'categorical', inferredType: inferred, codes, dictionary };
}

/** Decodes Arrow IPC (file or stream format) into a table. */
export function tableFromArrowIPC(bytes: Uint8Array, name: string): Table {
  let arrow;
  try {
    arrow = tableFromIPC(bytes, { useDate: false, useBigInt: false });
  } catch (error) {
    throw new DataError(`"${name}" could not be read as Arrow IPC (${(error as Error).message}). The file may be truncated; export it again.`, { file: name, code: 'arrow-invalid' });
  }
  const columns = arrow.schema.fields.map((f, i) => {
    const type = typeFromArrow(f.type.typeId, f.metadata);
    const inferred = (f.metadata?.get(INFERRED_KEY) as ColumnType | undefined) ?? type;
    const column = columnFromValues(f.name, type, arrow.getChildAt(i).toArray() as ArrayLike<unknown>, inferred, f.metadata?.get(FORMAT_KEY));
    if (f.metadata?.has(TYPE_KEY) || !isString(column)) return column;
    const subtype = stringSubtype(column.codes, column.dictionary);
    return { ...column, type: subtype, inferredType: subtype };
  });
  return { name, rowCount: arrow.numRows, columns };
}
