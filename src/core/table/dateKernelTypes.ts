/** The types of parseDatetime.ts's date reader, apart from it so the reader's file holds its code. */

/**
 * Which family of date text a column uses; `iso` covers dates and date-times with `T` or space,
 * `named` the month written as an English name or abbreviation ("Jun 12 1998", "12 June 1998").
 */
export type DateFamily = 'iso' | 'mdy' | 'dmy' | 'named';

export interface DateKernel {
  /** Parses a date in the given family from `buf[s, e)` (blanks around are ignored); NaN when it is not one. */
  parseDatetime(buf: Uint8Array, s: number, e: number, family: DateFamily): number;
  /** `YYYY-MM-DD` with an optional time part and offset, exactly filling `buf[s, e)`. */
  parseIso(buf: Uint8Array, s: number, e: number): number;
  /** The family whose syntax `buf[s, e)` has and parses in, or null. */
  detectDateFamily(buf: Uint8Array, s: number, e: number): DateFamily | null;
  daysOf(y: number, m: number, d: number): number;
  daysInMonth(y: number, m: number): number;
  /** The pattern text of a shape, e.g. `YYYY-MM-DD HH:mm:ss.SSS`. */
  datetimePattern(family: DateFamily, shape: number): string;
  /** The family a recorded pattern belongs to, or null for a pattern this reader does not know. */
  familyOfPattern(pattern: string): DateFamily | null;
  /**
   * Epoch ms of `text` read in `family` (or as ISO 8601, which no other family can be mistaken
   * for), or NaN when it is neither. With a null family the family is inferred from the text
   * exactly as ingest infers a column's.
   */
  readDateText(text: string, family: DateFamily | null): number;
  /** The shape of the last successful parse as bits (a string per value would allocate in the hot loop). */
  shape: number;
}
