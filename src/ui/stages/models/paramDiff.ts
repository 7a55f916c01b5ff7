import type { Json } from '../../../storage';

/** One setting across the compared runs; `values[i]` belongs to run i (undefined when absent). */
export interface ParamRow {
  path: string;
  values: (string | undefined)[];
  differs: boolean;
}

/** Flattens JSON to `a.b[0].c` → text leaves, so nested recipes and specs diff line by line. */
export function flattenJson(value: Json, prefix = '', out: Map<string, string> = new Map()): Map<string, string> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, '[]');
    value.forEach((v, i) => flattenJson(v, `${prefix}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) out.set(prefix, '{}');
    for (const key of keys) flattenJson(value[key], prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value === null ? 'null' : typeof value === 'string' ? value : String(value));
  }
  return out;
}

/**
 * Every setting of the given configurations (spec, recipe, seed…), sorted by path. With
 * `onlyDifferent`, only the rows whose values are not all equal.
 */
export function paramDiff(configs: readonly Json[], onlyDifferent = true): ParamRow[] {
  const flat = configs.map((c) => flattenJson(c));
  const paths = new Set(flat.flatMap((f) => [...f.keys()]));
  const rows: ParamRow[] = [];
  for (const path of [...paths].sort()) {
    const values = flat.map((f) => f.get(path));
    const differs = values.some((v) => v !== values[0]);
    if (differs || !onlyDifferent) rows.push({ path, values, differs });
  }
  return rows;
}
