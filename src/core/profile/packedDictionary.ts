/**
 * A string dictionary as one string plus lengths: posting it to a worker clones a single
 * string (a memory copy) and transfers the lengths, instead of cloning millions of strings.
 */
export interface PackedDictionary {
  text: string;
  /** UTF-16 length of each entry, in order. */
  lengths: Uint32Array;
}

/** Dictionaries above this many entries are packed before crossing to a worker. */
export const PACK_ENTRIES = 50_000;

/** Packs entries [from, to) of a dictionary; callers join chunks to stay responsive. */
export function packChunk(dictionary: string[], from: number, to: number, lengths: Uint32Array): string {
  for (let i = from; i < to; i++) lengths[i] = dictionary[i].length;
  return dictionary.slice(from, to).join('');
}

/** The dictionary back from its packed form. */
export function unpackDictionary(packed: PackedDictionary): string[] {
  const out = new Array<string>(packed.lengths.length);
  let at = 0;
  for (let i = 0; i < out.length; i++) {
    const end = at + packed.lengths[i];
    out[i] = packed.text.slice(at, end);
    at = end;
  }
  return out;
}
