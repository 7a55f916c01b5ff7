/**
 * The record with its nested objects' fields under their paths ("user.age"), as pandas'
 * json_normalize names them, four levels deep (deeper objects, and arrays, stay values); the record
 * itself when nothing in it is nested. The copy has no prototype, so a "__proto__" key is a field
 * like any other. The JSON readers make columns this way, and serve.mjs reads a nested scoring
 * request this way (shipped with `Function.prototype.toString()`: it reads only its argument and
 * built-ins).
 */
export function flatRecord(record: Record<string, unknown>): Record<string, unknown> {
  const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  let nested = false;
  for (const key of Object.keys(record)) if (isRecord(record[key])) nested = true;
  if (!nested) return record;
  const out: Record<string, unknown> = Object.create(null);
  const walk = (from: Record<string, unknown>, prefix: string, depth: number) => {
    for (const key of Object.keys(from)) {
      const value = from[key];
      if (isRecord(value) && depth < 4) walk(value, prefix + key + '.', depth + 1);
      else out[prefix + key] = value;
    }
  };
  walk(record, '', 0);
  return out;
}
