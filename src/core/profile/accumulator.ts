import { booleanWords, isNumeric, type Column, type ColumnType, type Table, type ValueShapes } from '../table';
import { createHyperLogLog, fmix32 } from '../stats';
import { assembleReport } from './assembleReport';
import { clusterOrder } from './cluster';
import { rowHashes } from './duplicates';
import { missingBits } from './missingMatrix';
import { createNumericStream } from './streamNumeric';
import { createStringStream } from './streamString';
import type { CorrelationMatrix, ProfileOptions, Report } from './types';

/** The columns a stream will bring, in order. */
export interface StreamSchema {
  name: string;
  columns: { name: string; type: ColumnType; shapes?: ValueShapes }[];
}

/** Consumes a table in column batches; `finish` gives the usual report with sketch figures marked. */
export interface ProfileAccumulator {
  /** Adds a batch whose columns match the schema by name (extra columns are ignored). */
  add(batch: Table): void;
  /** Rows added so far. */
  readonly rows: number;
  finish(): Report;
}

type Stream = ReturnType<typeof createNumericStream> | ReturnType<typeof createStringStream>;

/**
 * Streaming profile for tables too large for memory. Exact: counts, missing, min/max,
 * moments (merged per batch), zeros, missing co-occurrence, Pearson; booleans and
 * categorical counts (up to 100k distinct values). Approximate (`approximate: true`):
 * quantiles and histogram (KLL, rank error ≤ 0.5%), distinct counts (HyperLogLog p=14,
 * ≤ 2%), MAD (65,536-value reservoir), duplicate rows (rows − distinct row hashes, 0 when
 * within the sketch's noise: about 2.4% of the rows).
 * Not computed: Spearman, Cramér's V, η, target analysis, PCA, datetime frequency.
 */
export function createProfileAccumulator(schema: StreamSchema, options: ProfileOptions = {}): ProfileAccumulator {
  const seed = options.seed ?? 42;
  const start = performance.now();
  const streams = new Map<string, Stream | { kind: 'boolean'; t: number; f: number; bytes: number; words?: [string, string] }>();
  for (const c of schema.columns) {
    if (c.type === 'boolean') streams.set(c.name, { kind: 'boolean', t: 0, f: 0, bytes: 0 });
    else if (c.type === 'integer' || c.type === 'float' || c.type === 'datetime') streams.set(c.name, createNumericStream(c.name, c.type, seed));
    else streams.set(c.name, createStringStream(c.name, c.type));
  }
  const measures = schema.columns.filter((c) => c.type === 'integer' || c.type === 'float').map((c) => c.name);
  const m = measures.length;
  // Pairwise-complete sums, shifted by the first finite value seen to keep them small.
  const shift = new Float64Array(m).fill(NaN);
  const sums = Array.from({ length: m * m }, () => ({ n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 }));
  const k = schema.columns.length;
  const missingCounts = new Float64Array(k * k);
  const rowHll = createHyperLogLog(14);
  let rows = 0;

  const get = (batch: Table, name: string): Column => {
    const c = batch.columns.find((x) => x.name === name);
    if (!c) throw new RangeError(`Batch ${rows}+ of "${schema.name}" lacks column "${name}"; every batch needs the schema's columns.`);
    return c;
  };

  return {
    get rows() {
      return rows;
    },
    add(batch) {
      const cols = schema.columns.map((c) => get(batch, c.name));
      for (const [i, col] of cols.entries()) {
        const s = streams.get(schema.columns[i].name)!;
        if ('kind' in s) {
          const v = (col as { values: Float64Array }).values;
          if (!s.words && isNumeric(col) && col.format) s.words = booleanWords(col);
          s.bytes += v.byteLength;
          for (let r = 0; r < v.length; r++) (v[r] === 1 ? s.t++ : v[r] === 0 ? s.f++ : 0);
        } else if (isNumeric(col)) (s as ReturnType<typeof createNumericStream>).add(col.values);
        else (s as ReturnType<typeof createStringStream>).add(col);
      }
      const bits = cols.map((c) => missingBits(c, batch.rowCount));
      for (let i = 0; i < k; i++)
        for (let j = i; j < k; j++) {
          let c = 0;
          for (let w = 0; w < bits[i].length; w++) {
            let x = bits[i][w] & bits[j][w];
            while (x) {
              x &= x - 1;
              c++;
            }
          }
          missingCounts[i * k + j] += c;
        }
      const values = measures.map((name) => (get(batch, name) as { values: Float64Array }).values);
      for (let a = 0; a < m; a++)
        for (let b = a + 1; b < m; b++) {
          const s = sums[a * m + b];
          const x = values[a];
          const y = values[b];
          for (let r = 0; r < x.length; r++) {
            if (!(x[r] - x[r] === 0 && y[r] - y[r] === 0)) continue;
            if (shift[a] !== shift[a]) shift[a] = x[r];
            if (shift[b] !== shift[b]) shift[b] = y[r];
            const dx = x[r] - shift[a];
            const dy = y[r] - shift[b];
            s.n++;
            s.sx += dx;
            s.sy += dy;
            s.sxx += dx * dx;
            s.syy += dy * dy;
            s.sxy += dx * dy;
          }
        }
      const h = rowHashes({ ...batch, columns: cols });
      for (let r = 0; r < h.length; r++) rowHll.addHashes(h[r], fmix32(h[r] ^ 0x5bd1e995));
      rows += batch.rowCount;
    },
    finish() {
      const columns = schema.columns.map((c) => {
        const s = streams.get(c.name)!;
        if (!('kind' in s)) return s.finish(rows);
        const count = s.t + s.f;
        const distinct = (s.t ? 1 : 0) + (s.f ? 1 : 0);
        return { name: c.name, type: c.type, count, missing: rows - count, distinct, uniqueRatio: count ? distinct / count : 0, memoryBytes: s.bytes, boolean: { true: s.t, false: s.f, ...(s.words ? { words: s.words } : {}) } };
      });
      let pearson: CorrelationMatrix | undefined;
      if (m >= 2) {
        const matrix = Array.from({ length: m }, (_, a) =>
          Array.from({ length: m }, (_, b) => {
            if (a === b) return 1;
            const s = sums[Math.min(a, b) * m + Math.max(a, b)];
            const cov = s.sxy - (s.sx * s.sy) / s.n;
            const r = cov / Math.sqrt((s.sxx - (s.sx * s.sx) / s.n) * (s.syy - (s.sy * s.sy) / s.n));
            return s.n >= 2 && Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : NaN;
          }),
        );
        pearson = { columns: measures, matrix, order: clusterOrder(matrix) };
      }
      const missingIdx = schema.columns.map((_, i) => i).filter((i) => missingCounts[i * k + i] > 0);
      // Below three standard errors of the sketch (3·1.04/√16384 of the rows) a gap between rows
      // and distinct row hashes is noise, so it reports 0.
      const gap = rows - Math.round(rowHll.estimate());
      const duplicateRows = gap > (3 * 1.04 * rows) / 128 ? gap : 0;
      const report = assembleReport({
        table: { name: schema.name, rowCount: rows, columns: schema.columns },
        columns,
        cross: {
          duplicates: { duplicateRows, duplicateExamples: [] },
          missing: {
            columns: missingIdx.map((i) => schema.columns[i].name),
            counts: missingIdx.map((i) => missingCounts[i * k + i]),
            cooccurrence: missingIdx.map((i) => missingIdx.map((j) => missingCounts[Math.min(i, j) * k + Math.max(i, j)])),
          },
          correlations: { ...(pearson ? { pearson } : {}), sampled: false, sampledRows: rows },
        },
        options,
        profileMs: performance.now() - start,
      });
      report.dataset.approximate = true;
      return report;
    },
  };
}
