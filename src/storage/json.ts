/**
 * A JSON value. Recipe, spec, metrics and profile payloads are typed this way in storage:
 * the train and profile stages fill them, storage only keeps and compares them.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON text with object keys sorted, so equal values give equal text whatever the key order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

/** Deep equality of two JSON-shaped values, ignoring key order and `undefined` fields. */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}
