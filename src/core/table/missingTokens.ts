/** Cell texts read as missing unless the caller passes its own list. The empty cell is always missing. */
/** Also a spreadsheet's error values (a formula that failed has no value): they are never data. */
export const DEFAULT_MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NULL', 'NaN', 'None', '-', '?', '#N/A', '#NA', '#N/A N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!'];

/** A byte-level matcher for a list of missing-value tokens (exact, case-sensitive). */
export interface MissingMatcher {
  (buf: Uint8Array, s: number, e: number): boolean;
}

/** Builds a matcher; the empty field always counts as missing. */
export function missingMatcher(tokens: readonly string[]): MissingMatcher {
  const encoder = new TextEncoder();
  const encoded = tokens.filter((t) => t !== '').map((t) => encoder.encode(t));
  const firstBytes = new Uint8Array(256);
  let maxLength = 0;
  for (const t of encoded) {
    firstBytes[t[0]] = 1;
    maxLength = Math.max(maxLength, t.length);
  }
  return (buf, s, e) => {
    const len = e - s;
    if (len === 0) return true;
    if (len > maxLength || firstBytes[buf[s]] === 0) return false;
    outer: for (const t of encoded) {
      if (t.length !== len) continue;
      for (let i = 0; i < len; i++) if (t[i] !== buf[s + i]) continue outer;
      return true;
    }
    return false;
  };
}
