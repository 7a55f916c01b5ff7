import { isNumeric, type Column, type Table } from './types';

/**
 * Whether tables should live in SharedArrayBuffers here: only in a cross-origin-isolated browser
 * context (a page or worker served with COOP/COEP). Node and non-isolated pages get plain
 * ArrayBuffers, so tests and the CLI see the same tables as before.
 */
export function canShare(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** Whether a typed array's bytes are shared between threads (posting it shares them; it cannot be transferred). */
export function isShared(array: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && array.buffer instanceof SharedArrayBuffer;
}

/** A zeroed Float64Array, on shared memory when `shared`. */
export function allocFloat64(length: number, shared = canShare()): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
}

/** A zeroed Int32Array, on shared memory when `shared`. */
export function allocInt32(length: number, shared = canShare()): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
}

/**
 * The table with every column's values or codes on shared memory (columns already shared are kept
 * as they are), so the profile, chart and recipe workers can all read the same bytes instead of
 * each receiving a copy. Readers must treat shared columns as read-only. Returns the table itself
 * when sharing is not possible here.
 */
export function shareTable(table: Table, shared = canShare()): Table {
  if (!shared || table.columns.every((c) => isShared(isNumeric(c) ? c.values : c.codes))) return table;
  const columns = table.columns.map((c): Column => {
    if (isNumeric(c)) {
      if (isShared(c.values)) return c;
      const values = allocFloat64(c.values.length, true);
      values.set(c.values);
      return { ...c, values };
    }
    if (isShared(c.codes)) return c;
    const codes = allocInt32(c.codes.length, true);
    codes.set(c.codes);
    return { ...c, codes };
  });
  return { ...table, columns };
}
