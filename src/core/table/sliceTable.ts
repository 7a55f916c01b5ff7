import { isNumeric, type Column, type Table } from './types';

/** Rows `[start, end)` of a table (clamped). Typed arrays are views on the same buffers and dictionaries are shared, so transferring a slice detaches the whole table: copy first if the original stays in use. */
export function sliceTable(table: Table, start: number, end: number): Table {
  const a = Math.max(0, Math.min(start, table.rowCount));
  const b = Math.max(a, Math.min(end, table.rowCount));
  const columns: Column[] = table.columns.map((c) => (isNumeric(c) ? { ...c, values: c.values.subarray(a, b) } : { ...c, codes: c.codes.subarray(a, b) }));
  return { name: table.name, rowCount: b - a, columns };
}

/** All ArrayBuffers of a table, for postMessage transfer lists (each listed once); SharedArrayBuffers are shared when posted, so they are left out. */
export function tableTransferables(table: Table): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const c of table.columns) {
    const buffer = (isNumeric(c) ? c.values : c.codes).buffer;
    if (buffer instanceof ArrayBuffer) buffers.add(buffer);
  }
  return [...buffers];
}
