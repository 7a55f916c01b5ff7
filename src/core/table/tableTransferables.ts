import { isNumeric, type Table } from './types';

/** All ArrayBuffers of a table, for postMessage transfer lists (each listed once); SharedArrayBuffers are shared when posted, so they are left out. */
export function tableTransferables(table: Table): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const c of table.columns) {
    const buffer = (isNumeric(c) ? c.values : c.codes).buffer;
    if (buffer instanceof ArrayBuffer) buffers.add(buffer);
  }
  return [...buffers];
}
