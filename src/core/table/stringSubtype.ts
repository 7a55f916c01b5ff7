import type { StringType } from './types';

/**
 * Chooses how a string column reads:
 * - `identifier`: every value distinct, short (<= 64 chars) and without whitespace;
 * - `text`: most values contain whitespace and they are mostly distinct or long (free text);
 * - `categorical`: everything else (repeated labels).
 */
export function stringSubtype(codes: Int32Array, dictionary: string[], usage?: Int32Array): StringType {
  let counts = usage;
  if (!counts) {
    counts = new Int32Array(dictionary.length);
    for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  }
  let present = 0;
  for (let k = 0; k < counts.length; k++) present += counts[k];
  let distinct = 0;
  let spaced = 0;
  let totalLength = 0;
  let tokenLike = true;
  for (let k = 0; k < dictionary.length; k++) {
    const n = counts[k];
    if (n === 0) continue;
    distinct++;
    const s = dictionary[k];
    const hasSpace = /\s/.test(s);
    if (hasSpace) spaced += n;
    if (hasSpace || s.length > 64) tokenLike = false;
    totalLength += s.length * n;
  }
  if (present === 0) return 'categorical';
  if (present >= 2 && distinct === present && tokenLike) return 'identifier';
  if (spaced >= present / 2 && (distinct > present / 2 || totalLength / present > 40)) return 'text';
  return 'categorical';
}
