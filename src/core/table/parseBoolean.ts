/**
 * Boolean tokens: true/false, yes/no, t/f, y/n in any case. 0/1 are integers, not booleans.
 * Returns 1, 0, or -1 when the bytes are not a boolean token.
 */
export function parseBoolean(buf: Uint8Array, s: number, e: number): number {
  while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
  while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
  const len = e - s;
  if (len === 0 || len > 5) return -1;
  const c = buf[s] | 0x20;
  const word = c === 116 ? 'true' : c === 102 ? 'false' : c === 121 ? 'yes' : c === 110 ? 'no' : '';
  if (word === '') return -1;
  const value = c === 116 || c === 121 ? 1 : 0;
  if (len === 1) return value;
  if (len !== word.length) return -1;
  for (let i = 1; i < len; i++) if ((buf[s + i] | 0x20) !== word.charCodeAt(i)) return -1;
  return value;
}
