/**
 * Test helpers: build studio Tables from plain values and load the bundled samples without
 * depending on src/core/table's reader (owned and tested elsewhere).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Column, ColumnType, Table } from '../../../../src/core/table/types';

type Cell = number | string | boolean | null;

/** Numbers (or null) → float/integer column; strings (or null) → categorical; Dates via `datetime`. */
export function tableOf(columns: Record<string, Cell[]>, types: Record<string, ColumnType> = {}, name = 't'): Table {
  const cols = Object.entries(columns).map(([colName, values]): Column => {
    const sample = values.find((v) => v !== null);
    const declared = types[colName];
    if (typeof sample === 'string' && declared !== 'datetime') {
      const dictionary: string[] = [];
      const codes = Int32Array.from(values, (v) => {
        if (v === null) return -1;
        const at = dictionary.indexOf(String(v));
        return at >= 0 ? at : dictionary.push(String(v)) - 1;
      });
      const type = (declared ?? 'categorical') as 'categorical';
      return { name: colName, type, inferredType: type, codes, dictionary };
    }
    const toNum = (v: Cell) => (v === null ? NaN : typeof v === 'string' ? Date.parse(v) : Number(v));
    const numbers = Float64Array.from(values, toNum);
    const type = (declared ?? (typeof sample === 'boolean' ? 'boolean' : numbers.every((v) => Number.isNaN(v) || Number.isInteger(v)) ? 'integer' : 'float')) as 'float';
    return { name: colName, type, inferredType: type, values: numbers };
  });
  return { name, rowCount: Object.values(columns)[0]?.length ?? 0, columns: cols };
}

const samples = fileURLToPath(new URL('../../../../public/samples/', import.meta.url));

/** public/samples/penguins.json as a Table. */
export function penguins(): Table {
  const rows = JSON.parse(readFileSync(samples + 'penguins.json', 'utf8')) as Record<string, Cell>[];
  const names = Object.keys(rows[0]);
  return tableOf(Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n] ?? null)])), {}, 'penguins');
}

/** public/samples/breast-cancer.csv as a Table (plain CSV: no quotes, no missing values). */
export function breastCancer(): Table {
  const lines = readFileSync(samples + 'breast-cancer.csv', 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const cells = lines.slice(1).map((l) => l.split(','));
  return tableOf(
    Object.fromEntries(header.map((h, j) => [h, cells.map((r) => (h === 'diagnosis' ? r[j] : Number(r[j])))])),
    {},
    'breast-cancer',
  );
}
