import { booleanWords, isNumeric, type Column, type NumericColumn, type StringColumn } from '../table';

/** A column seen as groups: codes (-1 missing), one label per code. */
export interface Coded {
  name: string;
  codes: Int32Array;
  labels: string[];
}

/** Most levels a column may have to take part in categorical associations. */
export const MAX_LEVELS = 100;

/** Integer and float columns: the ones Pearson/Spearman/PCA use. */
export function isMeasure(column: Column): column is NumericColumn {
  return isNumeric(column) && (column.type === 'integer' || column.type === 'float');
}

/** Categorical and boolean columns with at most MAX_LEVELS levels. */
export function isGrouping(column: Column): boolean {
  if (isNumeric(column)) return column.type === 'boolean';
  return column.type === 'categorical' && column.dictionary.length <= MAX_LEVELS;
}

/** Codes for a categorical or boolean column (boolean: 0 = false, 1 = true). */
export function toCoded(column: Column): Coded {
  if (!isNumeric(column)) return { name: column.name, codes: (column as StringColumn).codes, labels: column.dictionary };
  const codes = new Int32Array(column.values.length);
  for (let i = 0; i < codes.length; i++) {
    const v = column.values[i];
    codes[i] = v === 1 ? 1 : v === 0 ? 0 : -1;
  }
  return { name: column.name, codes, labels: booleanWords(column) };
}

/** The rows `idx` of a column, as a new column of the same kind. */
export function takeRows(column: Column, idx: Uint32Array): Column {
  if (isNumeric(column)) {
    const values = new Float64Array(idx.length);
    for (let i = 0; i < idx.length; i++) values[i] = column.values[idx[i]];
    return { ...column, values };
  }
  const codes = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) codes[i] = column.codes[idx[i]];
  return { ...column, codes };
}
