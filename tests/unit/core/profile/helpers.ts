import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseCsv } from '../../../../src/core/table';
import type { Column, ColumnType, Table } from '../../../../src/core/table/types';

type Cell = string | number | boolean | null | undefined;

/** A column from JS values: numbers → integer/float, booleans → boolean, strings → categorical. */
export function columnFrom(name: string, cells: Cell[], type?: ColumnType): Column {
  const present = cells.filter((v) => v !== null && v !== undefined);
  const inferred: ColumnType =
    type ??
    (present.length > 0 && present.every((v) => typeof v === 'boolean')
      ? 'boolean'
      : present.every((v) => typeof v === 'number')
        ? present.every((v) => Number.isInteger(v))
          ? 'integer'
          : 'float'
        : 'categorical');
  if (inferred === 'datetime') {
    const values = Float64Array.from(cells, (v) => (v === null || v === undefined ? NaN : typeof v === 'number' ? v : Date.parse(String(v).length === 10 ? `${v}T00:00:00Z` : String(v))));
    return { name, type: 'datetime', inferredType: 'datetime', values };
  }
  if (inferred === 'integer' || inferred === 'float' || inferred === 'boolean') {
    const values = Float64Array.from(cells, (v) => (v === null || v === undefined ? NaN : Number(v)));
    return { name, type: inferred, inferredType: inferred, values };
  }
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(cells, (v) => {
    if (v === null || v === undefined) return -1;
    const s = String(v);
    let c = index.get(s);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(s);
      index.set(s, c);
    }
    return c;
  });
  return { name, type: inferred, inferredType: inferred, codes, dictionary };
}

/** A table from named columns of JS values. */
export function tableFrom(columns: Record<string, Cell[]>, types: Record<string, ColumnType> = {}, name = 'test'): Table {
  const cols = Object.entries(columns).map(([n, cells]) => columnFrom(n, cells, types[n]));
  return { name, rowCount: cols[0]?.type ? Object.values(columns)[0].length : 0, columns: cols };
}

const SAMPLES = join(__dirname, '../../../../public/samples');

/**
 * A bundled sample. CSV goes through the studio's own `parseCsv` (with `types` as overrides);
 * JSON records are typed here the way pandas `read_json` types them, so reference values
 * from pandas apply cell for cell.
 */
export function loadSample(file: string, types: Record<string, ColumnType> = {}): Table {
  if (file.endsWith('.csv')) {
    const { table } = parseCsv(readFileSync(join(SAMPLES, file)), { fileName: file, typeOverrides: types });
    return { ...table, name: file.replace(/\.\w+$/, '') };
  }
  const records: Record<string, Cell>[] = JSON.parse(readFileSync(join(SAMPLES, file), 'utf8'));
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const columns: Record<string, Cell[]> = {};
  for (const n of names) {
    const cells = records.map((r) => r[n]);
    // A column with any string is a string column: numbers in it become their text.
    columns[n] = cells.some((v) => typeof v === 'string') ? cells.map((v) => (v === null || v === undefined ? null : String(v))) : cells;
  }
  return tableFrom(columns, types, file.replace(/\.\w+$/, ''));
}

/** Relative closeness that tolerates tiny floating error; null in the reference means NaN. */
export function expectClose(actual: number, expected: number | null, rel = 1e-9, label = ''): void {
  if (expected === null) {
    expect(Number.isFinite(actual), `${label}: expected NaN/null, got ${actual}`).toBe(false);
    return;
  }
  const tol = rel * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

export const reference = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/profile/reference.json'), 'utf8'));
