import type { Json } from './json';
import { WorkspaceError } from './errors';

/**
 * Typed reads of one untrusted object parsed from a workspace file. Every failure names the
 * place (`workspace.json: runs[3].status`) and the value found.
 */
export class Fields {
  private readonly obj: Record<string, unknown>;
  constructor(
    value: unknown,
    readonly place: string,
  ) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) bad(place, value, 'an object');
    this.obj = value as Record<string, unknown>;
  }

  private get(key: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.obj, key) ? this.obj[key] : undefined;
  }

  str(key: string, max = 100_000): string {
    const v = this.get(key);
    if (typeof v !== 'string' || v.length > max) bad(`${join(this.place, key)}`, v, `a string of at most ${max} characters`);
    return v;
  }

  id(key: string): string {
    const v = this.str(key, 200);
    if (v.length === 0) bad(`${join(this.place, key)}`, v, 'a non-empty id');
    return v;
  }

  num(key: string, { integer = false, min = -Infinity } = {}): number {
    const v = this.get(key);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
      bad(`${join(this.place, key)}`, v, `a finite ${integer ? 'integer' : 'number'}${min > -Infinity ? ` ≥ ${min}` : ''}`);
    }
    return v;
  }

  numOrNull(key: string): number | null {
    return this.get(key) === null ? null : this.num(key);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const v = this.get(key);
    if (!(allowed as readonly unknown[]).includes(v)) bad(`${join(this.place, key)}`, v, `one of ${allowed.join(', ')}`);
    return v as T;
  }

  json(key: string): Json {
    const v = this.get(key);
    if (v === undefined) bad(`${join(this.place, key)}`, v, 'a JSON value');
    return v as Json;
  }

  optional<T>(key: string, read: (key: string) => T): T | undefined {
    return this.get(key) === undefined ? undefined : read(key);
  }

  array<T>(key: string, item: (value: unknown, place: string) => T, max = 1_000_000): T[] {
    const v = this.get(key);
    if (!Array.isArray(v) || v.length > max) bad(`${join(this.place, key)}`, v, `an array of at most ${max} items`);
    return v.map((x, i) => item(x, `${join(this.place, key)}[${i}]`));
  }

  object(key: string): Fields {
    return new Fields(this.get(key), `${join(this.place, key)}`);
  }

  /** Own keys of a nested plain object, for maps such as `curves`. */
  entries(key: string): [string, unknown][] {
    this.object(key);
    return Object.entries(this.get(key) as object);
  }
}

/** `a.b`, or `file.json: b` at the top of a file. */
function join(place: string, key: string): string {
  return place.endsWith(':') ? `${place} ${key}` : `${place}.${key}`;
}

export function bad(place: string, value: unknown, expected: string): never {
  const shown = JSON.stringify(value)?.slice(0, 60) ?? String(value);
  throw new WorkspaceError(
    `The workspace file is damaged: ${place} is ${shown}; expected ${expected}. Nothing was imported; export the workspace again from Modelbench.`,
  );
}

export const itemString = (v: unknown, place: string): string => {
  if (typeof v !== 'string') bad(place, v, 'a string');
  return v;
};

export const itemNumber = (v: unknown, place: string): number => {
  if (typeof v !== 'number') bad(place, v, 'a number');
  return v;
};
