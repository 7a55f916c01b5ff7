/**
 * Reading a joined experiment log (unit id, variant, conversion or value) into `ExperimentRow`s.
 * Pure; used by the score worker.
 */
import type { ExperimentRow } from './experimentUnits';
import { cellText, cellValue, DataError, type Table } from '../table';

const UNIT = ['unitId', 'unit_id', 'unit', 'user_id', 'userId'];

function find(table: Table, names: string[]) {
  return table.columns.find((c) => names.includes(c.name));
}

/** The log's variants in order of first appearance, and which outcome columns it has. */
export function logVariants(table: Table): { variants: string[]; metrics: ('conversion' | 'value')[]; shadowRows: number } {
  const variant = find(table, ['variant']);
  if (!variant) throw new DataError(`"${table.name}" has no variant column (columns: ${table.columns.map((c) => c.name).join(', ')}); join the decision log (unitId, variant) with your outcomes first.`, { file: table.name, column: 'variant' });
  const seen = new Set<string>();
  for (let r = 0; r < table.rowCount; r++) seen.add(cellText(variant, r));
  const shadow = find(table, ['shadow']);
  let shadowRows = 0;
  if (shadow) for (let r = 0; r < table.rowCount; r++) if (['true', '1'].includes(cellText(shadow, r).toLowerCase())) shadowRows++;
  const metrics = (['conversion', 'value'] as const).filter((m) => find(table, [m]));
  return { variants: [...seen].filter((v) => v !== ''), metrics: [...metrics], shadowRows };
}

/** One row per log row that was served (shadow rows are left out: those units saw the champion). */
export function experimentRows(table: Table, metric: 'conversion' | 'value'): ExperimentRow[] {
  const unit = find(table, UNIT);
  const variant = find(table, ['variant']);
  const outcome = find(table, [metric]);
  const shadow = find(table, ['shadow']);
  const missing = [!unit && 'unitId', !variant && 'variant', !outcome && metric].filter(Boolean);
  if (missing.length) {
    throw new DataError(`"${table.name}" lacks column(s) ${missing.join(', ')} (columns: ${table.columns.map((c) => c.name).join(', ')}). The joined log needs unitId, variant and ${metric}.`, { file: table.name, column: String(missing[0]) });
  }
  const rows: ExperimentRow[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    if (shadow && ['true', '1'].includes(cellText(shadow, r).toLowerCase())) continue;
    const raw = cellValue(outcome!, r);
    const value = typeof raw === 'boolean' ? Number(raw) : typeof raw === 'number' ? raw : raw === null ? null : Number(String(raw).trim().toLowerCase() === 'true' ? 1 : String(raw).trim().toLowerCase() === 'false' ? 0 : raw);
    if (Number.isNaN(value)) {
      throw new DataError(`Row ${r + 1} of "${table.name}" has ${metric} "${raw}", not a number. Use 0/1 or true/false for conversions and numbers for values.`, { file: table.name, row: r + 1, column: metric });
    }
    rows.push({ unitId: cellText(unit!, r), variant: cellText(variant!, r), [metric]: value });
  }
  return rows;
}
