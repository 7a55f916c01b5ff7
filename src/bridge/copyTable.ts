import { isNumeric, type Column, type Table } from '../core/table';
import { isShared } from '../core/table';

/** Elements copied per macrotask: 256k doubles (2 MB) stay far below 50 ms even on a busy machine. */
const CHUNK = 1 << 18;
const tick = () => new Promise<void>((r) => setTimeout(r));

/**
 * A copy of a typed array made in slices with a yield between them, so copying a tall column for a
 * worker never blocks the page (a single `slice()` of 24 MB can take 100 ms under memory pressure).
 */
export async function copyTyped<T extends Float64Array | Int32Array>(source: T, signal?: AbortSignal): Promise<T> {
  const out = new (source.constructor as { new (n: number): T })(source.length);
  for (let start = 0; start < source.length; start += CHUNK) {
    signal?.throwIfAborted();
    out.set(source.subarray(start, start + CHUNK), start);
    if (source.length > CHUNK) await tick();
  }
  return out;
}

/** A copy of one column, ready to transfer. */
export async function copyColumn(c: Column, signal?: AbortSignal): Promise<{ column: Column; buffer: ArrayBuffer }> {
  if (isNumeric(c)) {
    const values = await copyTyped(c.values, signal);
    return { column: { ...c, values }, buffer: values.buffer as ArrayBuffer };
  }
  const codes = await copyTyped(c.codes, signal);
  return { column: { ...c, codes }, buffer: codes.buffer as ArrayBuffer };
}

/**
 * A column for a read-only worker: a column on shared memory goes as it is (posting shares its bytes,
 * nothing to transfer), any other is copied. Workers given shared columns must never write to them.
 */
export async function shareOrCopyColumn(c: Column, signal?: AbortSignal): Promise<{ column: Column; buffer: ArrayBuffer | null }> {
  signal?.throwIfAborted();
  if (isShared(isNumeric(c) ? c.values : c.codes)) return { column: c, buffer: null };
  return copyColumn(c, signal);
}

/** `copyTable` for read-only workers: shared columns are shared instead of copied (see `shareOrCopyColumn`). */
export async function shareOrCopyTable(table: Table, signal?: AbortSignal): Promise<{ table: Table; buffers: ArrayBuffer[] }> {
  const columns: Column[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const c of table.columns) {
    const { column, buffer } = await shareOrCopyColumn(c, signal);
    columns.push(column);
    if (buffer) {
      buffers.push(buffer);
      if (columns.length % 64 === 0) await tick();
    }
  }
  return { table: { name: table.name, rowCount: table.rowCount, columns }, buffers };
}

/** Copies the named columns (all when `names` is omitted) into fresh buffers ready to transfer to a worker. */
export async function copyTable(table: Table, names?: Set<string>, signal?: AbortSignal): Promise<{ table: Table; buffers: ArrayBuffer[] }> {
  const columns: Column[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const c of table.columns) {
    if (names && !names.has(c.name)) continue;
    const { column, buffer } = await copyColumn(c, signal);
    columns.push(column);
    buffers.push(buffer);
    if (columns.length % 64 === 0) await tick();
  }
  return { table: { name: table.name, rowCount: table.rowCount, columns }, buffers };
}
