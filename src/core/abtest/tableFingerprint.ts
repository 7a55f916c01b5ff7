import { isNumeric, type Table } from '../table';

/**
 * SHA-256 of a table's content (column names, types, values, dictionaries), as `table:<hex>`. Two
 * reads of the same data give the same fingerprint whatever the file format, so the A/B comparison
 * can tell when a test set is the data a model was trained on.
 */
export async function tableFingerprint(table: Table): Promise<string> {
  const parts: BufferSource[] = [new TextEncoder().encode(JSON.stringify([table.rowCount, table.columns.map((c) => [c.name, c.type])]))];
  for (const c of table.columns) {
    if (isNumeric(c)) parts.push(c.values as Float64Array<ArrayBuffer>);
    else parts.push(c.codes as Int32Array<ArrayBuffer>, new TextEncoder().encode(JSON.stringify(c.dictionary)));
  }
  const size = parts.reduce((s, p) => s + p.byteLength, 0);
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    const view = ArrayBuffer.isView(p) ? new Uint8Array(p.buffer, p.byteOffset, p.byteLength) : new Uint8Array(p);
    all.set(view, at);
    at += view.byteLength;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return `table:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
