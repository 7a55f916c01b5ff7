import { isNumeric, type Column, type Table } from '../core/table/types';

/** Columns above this many cells are copied one per macrotask so the main thread stays responsive. */
const YIELD_CELLS = 250_000;
const tick = () => new Promise<void>((r) => setTimeout(r));

/**
 * Copies the named columns (all when `names` is omitted) into fresh buffers ready to transfer to a
 * worker, yielding between big columns so no copy blocks the page for long.
 */
export async function copyTable(table: Table, names?: Set<string>, signal?: AbortSignal): Promise<{ table: Table; buffers: ArrayBuffer[] }> {
  const columns: Column[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const c of table.columns) {
    if (names && !names.has(c.name)) continue;
    signal?.throwIfAborted();
    const copy: Column = isNumeric(c) ? { ...c, values: c.values.slice() } : { ...c, codes: c.codes.slice() };
    buffers.push((isNumeric(copy) ? copy.values : copy.codes).buffer as ArrayBuffer);
    columns.push(copy);
    if (table.rowCount > YIELD_CELLS) await tick();
  }
  return { table: { name: table.name, rowCount: table.rowCount, columns }, buffers };
}
