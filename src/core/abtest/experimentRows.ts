/**
 * Reading a joined experiment log (unit id, variant, an outcome column) into `ExperimentRow`s.
 * Pure; used by the score worker and `modelbench ab-analyze`.
 */
import type { ExperimentRow } from './experimentUnits';
import { cellText, cellValue, DataError, isNumeric, type Table } from '../table';
import { bareWeightOrder } from './variantWeights';

const UNIT = ['unitId', 'unit_id', 'unit', 'user_id', 'userId'];

function find(table: Table, names: string[]) {
  return table.columns.find((c) => names.includes(c.name));
}

const isShadow = (text: string) => ['true', '1', 'yes', 'y', 't'].includes(text.toLowerCase());

/**
 * The log's variants (a recognised control name such as control or champion first, the others
 * alphabetically, so the order never depends on which rows come first), its outcome columns and
 * its shadow rows.
 */
export function logVariants(table: Table): { variants: string[]; metrics: ('conversion' | 'value')[]; shadowRows: number } {
  const variant = find(table, ['variant']);
  if (!variant) throw new DataError(`"${table.name}" has no variant column (columns: ${table.columns.map((c) => c.name).join(', ')}); join the decision log (unitId, variant) with your outcomes first.`, { file: table.name, column: 'variant' });
  const seen = new Set<string>();
  for (let r = 0; r < table.rowCount; r++) seen.add(cellText(variant, r));
  const shadow = find(table, ['shadow']);
  let shadowRows = 0;
  if (shadow) for (let r = 0; r < table.rowCount; r++) if (isShadow(cellText(shadow, r))) shadowRows++;
  const metrics = (['conversion', 'value'] as const).filter((m) => find(table, [m]));
  const names = [...seen].filter((v) => v !== '');
  return { variants: bareWeightOrder(names)?.order ?? names.sort(), metrics: [...metrics], shadowRows };
}

/**
 * One row per log row that was served (shadow rows are left out: those units saw the champion).
 * `outcome` names the column read into the row's `metric` field (default: the column named like the
 * metric). With a numeric `timestamp` column the rows come back in time order, so the always-valid
 * p-value follows real arrival and not the order a join happened to write.
 */
export function experimentRows(table: Table, metric: 'conversion' | 'value', outcomeName: string = metric): ExperimentRow[] {
  const unit = find(table, UNIT);
  const variant = find(table, ['variant']);
  const outcome = find(table, [outcomeName]);
  const shadow = find(table, ['shadow']);
  const missing = [!unit && 'unitId', !variant && 'variant', !outcome && outcomeName].filter(Boolean);
  if (missing.length) {
    throw new DataError(`"${table.name}" lacks column(s) ${missing.join(', ')} (columns: ${table.columns.map((c) => c.name).join(', ')}). The joined log needs unitId, variant and ${outcomeName}.`, { file: table.name, column: String(missing[0]) });
  }
  const indices: number[] = [];
  for (let r = 0; r < table.rowCount; r++) if (!(shadow && isShadow(cellText(shadow, r)))) indices.push(r);
  const time = find(table, ['timestamp']);
  if (time && isNumeric(time)) {
    const t = (r: number) => (Number.isNaN(time.values[r]) ? Infinity : time.values[r]);
    indices.sort((a, b) => t(a) - t(b) || a - b);
  }
  return indices.map((r) => {
    const raw = cellValue(outcome!, r);
    const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    const value = typeof raw === 'boolean' ? Number(raw) : typeof raw === 'number' ? raw : raw === null ? null : text === 'true' ? 1 : text === 'false' ? 0 : Number(raw);
    if (Number.isNaN(value)) {
      throw new DataError(`Row ${r + 1} of "${table.name}" has ${outcomeName} "${raw}", not a number. Use 0/1 or true/false for conversions and numbers for values.`, { file: table.name, row: r + 1, column: outcomeName });
    }
    return { unitId: cellText(unit!, r), variant: cellText(variant!, r), [metric]: value };
  });
}
