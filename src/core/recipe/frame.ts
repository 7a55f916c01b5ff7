/** Small immutable helpers over the studio Table used by the recipe steps. */
import { isNumeric, type Column, type NumericColumn, type StringColumn, type Table } from '../table';
import { nearestName } from '../format';
import { RecipeError } from './errors';

export function findColumn(table: Table, name: string, where: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    throw new RecipeError(`${where} names column '${name}', which is not in the table at that point (columns: ${columnList(table)}). Fix the name or move the step.`, { column: name });
  }
  return column;
}

/** The table's column names for a message, the first 20 then a count. */
export function columnList(table: Table): string {
  const names = table.columns.slice(0, 20).map((c) => `'${c.name}'`);
  const more = table.columns.length - names.length;
  return names.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** The target column, or an error naming the table's columns. */
export function targetColumn(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    const near = nearestName(name, table.columns.map((c) => c.name));
    throw new RecipeError(`Target column '${name}' is not in '${table.name}' (columns: ${columnList(table)}).${near ? ` Did you mean '${near}'?` : ' Check the spelling and case.'}`, { column: name });
  }
  return column;
}

export function numericColumn(table: Table, name: string, where: string): NumericColumn {
  const column = findColumn(table, name, where);
  if (!isNumeric(column)) {
    throw new RecipeError(`${where} needs a numeric column, but '${name}' is ${column.type}. Encode it first or pick another step.`, { column: name });
  }
  return column;
}

export function stringColumn(table: Table, name: string, where: string): StringColumn {
  const column = findColumn(table, name, where);
  if (isNumeric(column)) {
    throw new RecipeError(`${where} needs a text/categorical column, but '${name}' is ${column.type}.`, { column: name });
  }
  return column;
}

/** The same table with `name` replaced by `columns` (in its place), or columns appended when absent. */
export function replaceColumn(table: Table, name: string, columns: Column[]): Table {
  const at = table.columns.findIndex((c) => c.name === name);
  const next = [...table.columns];
  if (at < 0) next.push(...columns);
  else next.splice(at, 1, ...columns);
  return { ...table, columns: next };
}

export function floatColumn(name: string, values: Float64Array, type: NumericColumn['type'] = 'float'): NumericColumn {
  return { name, type, inferredType: type, values };
}

/** Rows `rows` of every column (string dictionaries are shared, not copied). */
export function subsetRows(table: Table, rows: ArrayLike<number>): Table {
  const columns = table.columns.map((c): Column => {
    if (isNumeric(c)) {
      const values = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) values[i] = c.values[rows[i]];
      return { ...c, values };
    }
    const codes = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) codes[i] = c.codes[rows[i]];
    return { ...c, codes };
  });
  return { ...table, rowCount: rows.length, columns };
}

/** The string value of each row (null when missing). */
export function stringValues(c: StringColumn): (string | null)[] {
  return Array.from(c.codes, (code) => (code < 0 ? null : c.dictionary[code]));
}

/** Non-missing values, sorted ascending. */
export function sortedFinite(values: Float64Array): Float64Array {
  return values.filter((v) => !Number.isNaN(v)).sort();
}

/** numpy's default (linear) quantile of an ascending array; NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Category counts of a string column, most frequent first, ties alphabetical. */
export function categoryCounts(c: StringColumn): [string, number][] {
  const counts = new Map<string, number>();
  for (const code of c.codes) if (code >= 0) counts.set(c.dictionary[code], (counts.get(c.dictionary[code]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
