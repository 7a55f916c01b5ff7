/**
 * The comment block at the top of model.sql: which model, which bundle (manifest hash), and the
 * input schema the query expects in this dialect. Names and versions come from users, so every
 * piece is flattened to one line first: a newline in a column name cannot end the comment.
 */
import type { InputColumn } from '../../recipe';
import { isStringType } from '../coerceCell';
import type { SqlDialect } from './dialect';

/** Text safe inside a `--` comment: line breaks and other control characters written as escapes. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The SQL type a column should arrive as, and how the query reads it, in words. */
function expectedType(d: SqlDialect, c: InputColumn): string {
  if (isStringType(c.type)) return `${d.textType} (an empty string counts as missing)`;
  if (c.type === 'datetime') {
    if (d.name === 'sqlite') return 'TEXT in ISO-8601 form, e.g. 2024-05-01 12:00:00 (read as UTC)';
    return `${DATE_TYPES[d.name]} (read as UTC; text in ISO-8601 form is cast)`;
  }
  if (c.type === 'boolean') return `${BOOL_TYPES[d.name]}, or the numbers 0 and 1`;
  // SQLite casts any text to a number ('' and 'abc' become 0), so there only real numbers are safe.
  if (d.name === 'sqlite') return 'REAL or INTEGER, missing values as NULL (SQLite reads any text as a number, an empty one as 0)';
  return `${d.doubleType} or any numeric type (text holding a number is cast)`;
}

const DATE_TYPES: Record<SqlDialect['name'], string> = {
  duckdb: 'TIMESTAMP or DATE',
  postgres: 'TIMESTAMP or DATE',
  sqlite: 'TEXT',
  tsql: 'DATETIME2, DATETIME or DATE',
  spark: 'TIMESTAMP or DATE',
  bigquery: 'TIMESTAMP, DATETIME or DATE',
};
const BOOL_TYPES: Record<SqlDialect['name'], string> = { duckdb: 'BOOLEAN', postgres: 'BOOLEAN', sqlite: 'INTEGER', tsql: 'BIT', spark: 'BOOLEAN', bigquery: 'BOOL' };

export interface HeaderInfo {
  name: string;
  version: string | number;
  manifestHash?: string;
  target: string;
  table: string;
  id?: string;
  inputs: InputColumn[];
  outputs: string[];
  classes: string[] | null;
}

export function sqlHeader(d: SqlDialect, h: HeaderInfo): string {
  const lines = [
    `Modelbench model ${h.name} v${h.version}, scoring as SQL (${d.name} dialect).`,
    h.manifestHash ? `Bundle manifest SHA-256: ${h.manifestHash}` : 'Not tied to a bundle manifest here (a bundle\'s manifest.json lists the SHA-256 of its model.sql).',
    `Reads the table ${h.table}${h.id ? `, carrying its id column ${JSON.stringify(h.id)}` : ''}; one output row per input row.`,
    'Input columns (a NULL is a missing value, filled or passed on as the recipe says):',
    ...h.inputs.map((c) => `  ${JSON.stringify(c.name)}: ${expectedType(d, c)}`),
    `Outputs: ${h.outputs.map((o) => JSON.stringify(o)).join(', ')}.`,
    h.classes
      ? `"prediction" is the predicted ${JSON.stringify(h.target)} (the most probable class); each p_ column is a class probability.`
      : `"prediction" is the predicted ${JSON.stringify(h.target)}.`,
    'Agrees with scorer.mjs to about 1e-9 (relative) on DuckDB, PostgreSQL and SQLite, where tests run it.',
  ];
  return lines.map((l) => `-- ${commentText(l)}`).join('\n');
}
