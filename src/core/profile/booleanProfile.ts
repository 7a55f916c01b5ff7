import { booleanWords, type NumericColumn } from '../table';
import type { ColumnProfile } from './types';

/** Profile of a 0/1 column (NaN = missing). */
export function booleanProfile(column: NumericColumn): ColumnProfile {
  let t = 0;
  let f = 0;
  const values = column.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 1) t++;
    else if (v === 0) f++;
  }
  const count = t + f;
  const distinct = (t ? 1 : 0) + (f ? 1 : 0);
  return {
    name: column.name,
    type: 'boolean',
    count,
    missing: values.length - count,
    distinct,
    uniqueRatio: count ? distinct / count : 0,
    memoryBytes: values.byteLength,
    boolean: { true: t, false: f, ...(column.format ? { words: booleanWords(column) } : {}) },
  };
}
