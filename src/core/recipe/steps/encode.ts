import type { Column, Table } from '../../table';
import type { EncodeStep, FittedStep } from '../types';
import { categoryCounts, floatColumn, replaceColumn, stringColumn, stringValues } from '../frame';

type FittedEncode = Extract<FittedStep, { kind: 'encode' }>;

export const OTHER = '(other)';

export function fitEncode(step: EncodeStep, table: Table, where: string): FittedEncode {
  const columns = step.columns.map((name) => {
    const counts = categoryCounts(stringColumn(table, name, where));
    if (step.method === 'ordinal') return { name, vocabulary: counts.map(([v]) => v).sort(), other: false };
    const topK = step.topK ?? (step.method === 'onehot' ? 20 : 1000);
    const kept = counts.slice(0, topK).map(([v]) => v);
    return { name, vocabulary: kept, other: step.method === 'onehot' && counts.length > kept.length };
  });
  return { kind: 'encode', method: step.method, columns };
}

/** Output column names of one fitted column, in order. */
export function encodedNames(method: EncodeStep['method'], col: FittedEncode['columns'][number]): string[] {
  if (method !== 'onehot') return [col.name];
  return [...col.vocabulary.map((v) => `${col.name}=${v}`), ...(col.other ? [`${col.name}=${OTHER}`] : [])];
}

export function applyEncode(f: FittedEncode, table: Table, where: string): Table {
  let out = table;
  for (const col of f.columns) {
    const values = stringValues(stringColumn(out, col.name, where));
    const index = new Map(col.vocabulary.map((v, i) => [v, i]));
    let produced: Column[];
    if (f.method === 'onehot') {
      const names = encodedNames('onehot', col);
      const arrays = names.map(() => new Float64Array(values.length));
      values.forEach((v, i) => {
        if (v === null) return;
        const at = index.get(v) ?? (col.other ? col.vocabulary.length : -1);
        if (at >= 0) arrays[at][i] = 1;
      });
      produced = names.map((name, j) => floatColumn(name, arrays[j], 'boolean'));
    } else {
      const shift = f.method === 'embedding' ? 1 : 0;
      const missing = f.method === 'embedding' ? 0 : -1;
      const codes = Float64Array.from(values, (v) => (v === null ? missing : (index.get(v) ?? missing - shift) + shift));
      produced = [floatColumn(col.name, codes, 'integer')];
    }
    out = replaceColumn(out, col.name, produced);
  }
  return out;
}
