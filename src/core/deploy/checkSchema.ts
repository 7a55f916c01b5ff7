import type { FittedRecipe } from '../recipe';
import { isNumeric, type Table } from '../table';
import { isStringType } from './coerceCell';
import { requiredInputs } from './requiredInputs';

export interface SchemaCheck {
  /** Required columns the table lacks: every row would be refused. */
  missing: string[];
  /** Columns the model does not read (ignored when scoring). */
  extra: string[];
  /** Columns whose storage differs from training: text where a number was expected (rows may be refused) or numbers where text was expected (read as text). */
  mistyped: { column: string; expected: string; actual: string }[];
  /** Per encoded input column, values never seen in training (at most 20 listed) and the rows holding them. */
  unseen: { column: string; values: string[]; rows: number }[];
  /** True when no column is missing. */
  ok: boolean;
}

/** Compares a table to the columns and vocabularies the model was fitted with, before scoring. */
export function checkSchema(table: Table, preprocess: FittedRecipe): SchemaCheck {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const required = requiredInputs(preprocess);
  const known = new Set([...preprocess.inputSchema.map((c) => c.name), preprocess.target]);
  const missing = required.filter((c) => !byName.has(c.name)).map((c) => c.name);
  const extra = table.columns.filter((c) => !known.has(c.name)).map((c) => c.name);
  const mistyped = required.flatMap((c) => {
    const col = byName.get(c.name);
    if (!col) return [];
    const wantText = isStringType(c.type);
    return wantText === isNumeric(col)
      ? [{ column: c.name, expected: c.type, actual: col.type }]
      : [];
  });
  const unseen: SchemaCheck['unseen'] = [];
  const inputNames = new Set(required.map((c) => c.name));
  for (const step of preprocess.steps) {
    if (step.kind !== 'encode') continue;
    for (const c of step.columns) {
      const col = byName.get(c.name);
      if (!col || isNumeric(col) || !inputNames.has(c.name)) continue;
      const vocabulary = new Set(c.vocabulary);
      const counts = new Int32Array(col.dictionary.length);
      for (const code of col.codes) if (code >= 0) counts[code]++;
      const values = col.dictionary.filter((v, i) => counts[i] > 0 && !vocabulary.has(v));
      if (values.length === 0) continue;
      const rows = col.dictionary.reduce((s, v, i) => s + (counts[i] > 0 && !vocabulary.has(v) ? counts[i] : 0), 0);
      unseen.push({ column: c.name, values: values.slice(0, 20), rows });
    }
  }
  return { missing, extra, mistyped, unseen, ok: missing.length === 0 };
}
