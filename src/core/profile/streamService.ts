import { blobSource, streamTable, type ReadProgress, type Table } from '../table';
import { createProfileAccumulator, type ProfileAccumulator } from './accumulator';
import type { Report } from './types';

/** Rows kept for the data grid's preview of a streamed file. */
const PREVIEW_ROWS = 10_000;

function concatPreview(parts: Table[], limit: number): Table {
  const first = parts[0];
  const rows = Math.min(limit, parts.reduce((n, t) => n + t.rowCount, 0));
  const columns = first.columns.map((c, j) => {
    if ('values' in c) {
      const values = new Float64Array(rows);
      let at = 0;
      for (const p of parts) {
        const v = (p.columns[j] as typeof c).values;
        values.set(v.subarray(0, Math.min(v.length, rows - at)), at);
        at += Math.min(v.length, rows - at);
      }
      return { ...c, values };
    }
    // Each batch has its own dictionary: re-encode into one.
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(rows);
    let at = 0;
    for (const p of parts) {
      const col = p.columns[j] as typeof c;
      for (let i = 0; i < col.codes.length && at < rows; i++, at++) {
        const code = col.codes[i];
        if (code < 0) codes[at] = -1;
        else {
          const s = col.dictionary[code];
          let k = index.get(s);
          if (k === undefined) index.set(s, (k = dictionary.push(s) - 1));
          codes[at] = k;
        }
      }
    }
    return { ...c, codes, dictionary };
  });
  return { name: first.name, rowCount: rows, columns };
}

/**
 * The stream worker's service: profiles a file too large to hold in memory. Batches stream through
 * sketches and are dropped, so memory stays flat whatever the file's size; only the first rows are
 * kept, for the preview.
 */
export const streamService = {
  async profile(file: File, options: { target?: string; seed?: number }, onProgress?: (p: ReadProgress) => void) {
    const started = performance.now();
    let acc: ProfileAccumulator | null = null;
    const preview: Table[] = [];
    let kept = 0;
    const summary = await streamTable(
      blobSource(file, file.name),
      {},
      (batch) => {
        acc ??= createProfileAccumulator({ name: file.name, columns: batch.columns.map((c) => ({ name: c.name, type: c.type, shapes: c.shapes })) }, options);
        acc.add(batch);
        if (kept < PREVIEW_ROWS) {
          preview.push(batch);
          kept += batch.rowCount;
        }
      },
      { onProgress },
    );
    if (!acc || !preview.length) throw new Error(`${file.name} has no data rows to profile.`);
    const report: Report = (acc as ProfileAccumulator).finish();
    report.meta.timingsMs = { parse: 0, profile: performance.now() - started };
    const table = concatPreview(preview, PREVIEW_ROWS);
    return { report, preview: table, rows: summary.rows, warnings: summary.warnings, meta: summary.meta };
  },
};
