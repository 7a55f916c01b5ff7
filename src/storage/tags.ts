import type { Tags } from './records';
import { StorageInputError } from './errors';

/** Longest tag key or value accepted, in UTF-16 units. */
export const MAX_TAG_LENGTH = 256;

/**
 * Normalises user tags (an object or pairs) to sorted pairs. Keys such as `__proto__` stay
 * plain data; a key that is empty or too long, or a value that is not a string, is refused.
 */
export function normaliseTags(input: Record<string, string> | Iterable<readonly [string, string]> | undefined): Tags {
  const pairs: [string, string][] = [];
  const source = input === undefined ? [] : Symbol.iterator in Object(input) ? (input as Iterable<readonly [string, string]>) : Object.entries(input);
  for (const [key, value] of source) pairs.push(checkTag(key, value));
  const map = new Map(pairs);
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Checks one tag; returns it as a pair. */
export function checkTag(key: unknown, value: unknown): [string, string] {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_TAG_LENGTH) {
    throw new StorageInputError(`Tag key ${JSON.stringify(key)} must be a string of 1 to ${MAX_TAG_LENGTH} characters.`);
  }
  if (typeof value !== 'string' || value.length > MAX_TAG_LENGTH) {
    throw new StorageInputError(`Tag "${key}" has value ${JSON.stringify(value)}; use a string of at most ${MAX_TAG_LENGTH} characters.`);
  }
  return [key, value];
}

/** Tags as a Map, the safe way to look one up. */
export function tagMap(tags: Tags): Map<string, string> {
  return new Map(tags);
}

/** `tags` with `key` set to `value` (or removed when `value` is undefined), still sorted. */
export function withTag(tags: Tags, key: string, value: string | undefined): Tags {
  const map = new Map(tags);
  if (value === undefined) map.delete(key);
  else map.set(key, value);
  return normaliseTags(map);
}
