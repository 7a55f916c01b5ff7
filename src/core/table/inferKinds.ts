import type { MissingMatcher } from './missingTokens';
import { lastNumberWasInteger, parseNumber } from './parseNumber';
import { parseBoolean } from './parseBoolean';
import { parseCommaNumber } from './parseCommaNumber';
import { lastDecorations, parseDecoratedNumber } from './parseDecoratedNumber';
import { detectDateFamily, type DateFamily } from './parseDatetime';
import { ESCAPED, recordBuffer, scanRecord, unquote } from './scanRecord';
import type { SinkKind } from './columnSink';

/** Counts of value shapes seen in one column's sample. */
export interface ShapeCounts {
  missing: number;
  integer: number;
  float: number;
  boolean: number;
  iso: number;
  mdy: number;
  dmy: number;
  named: number;
  /** Numbers only a decimal comma reads ("12,5", "1.234,56", "1.234.567"); text unless the delimiter is not a comma. */
  comma: number;
  /** Of `comma`, those with a decimal comma (the others group thousands with points only). */
  commaFraction: number;
  /** Of `comma`, those that read as US thousands too ("1,234", "-12,500"). */
  commaAmbiguous: number;
  /** Of `float`, those a decimal comma reads as well, as thousands ("1.234" is 1234 there). */
  grouped: number;
  /** Numbers with a currency or percent sign, commas between thousands or accounting parentheses ("$1,234.50", "12%"), read with a decimal point. */
  decorated: number;
  /** Of `decorated`, those with a fraction. */
  decoratedFraction: number;
  /** Numbers with a currency or percent sign read with a decimal comma ("12,50 €"), that `comma` does not count. */
  commaDecorated: number;
  /** Of `commaDecorated`, those a decimal point cannot read ("12,5 €"). */
  commaDecoratedOnly: number;
  /** Values that are decorated numbers only (`decorated` or `commaDecorated`, not `comma`). */
  decoratedOnly: number;
  /** The `parseDecoratedNumber` decorations seen, or-ed together. */
  decorations: number;
  other: number;
}

export function shapeCounts(): ShapeCounts {
  return { missing: 0, integer: 0, float: 0, boolean: 0, iso: 0, mdy: 0, dmy: 0, named: 0, comma: 0, commaFraction: 0, commaAmbiguous: 0, grouped: 0, decorated: 0, decoratedFraction: 0, commaDecorated: 0, commaDecoratedOnly: 0, decoratedOnly: 0, decorations: 0, other: 0 };
}

/** Adds the shape of `buf[s, e)` to `counts`. */
export function countShape(buf: Uint8Array, s: number, e: number, isMissing: MissingMatcher, counts: ShapeCounts): void {
  const v = parseNumber(buf, s, e);
  if (v === v) {
    if (lastNumberWasInteger) counts.integer++;
    else {
      counts.float++;
      if (!Number.isNaN(parseCommaNumber(buf, s, e))) counts.grouped++;
    }
  } else if (isMissing(buf, s, e)) counts.missing++;
  else if (parseBoolean(buf, s, e) >= 0) counts.boolean++;
  else {
    const family = detectDateFamily(buf, s, e);
    if (family) {
      counts[family]++;
      return;
    }
    const comma = !Number.isNaN(parseCommaNumber(buf, s, e));
    if (comma) {
      counts.comma++;
      if (!lastNumberWasInteger) counts.commaFraction++;
      if (usThousands(buf, s, e)) counts.commaAmbiguous++;
    }
    // Decorated numbers are counted in both readings; the column's delimiter decides which applies.
    const point = !Number.isNaN(parseDecoratedNumber(buf, s, e, false));
    if (point) {
      counts.decorated++;
      counts.decorations |= lastDecorations;
      if (!lastNumberWasInteger) counts.decoratedFraction++;
    }
    const commaForm = !comma && !Number.isNaN(parseDecoratedNumber(buf, s, e, true));
    if (commaForm) {
      counts.commaDecorated++;
      if (!point) counts.commaDecoratedOnly++;
      counts.decorations |= lastDecorations;
      if (!lastNumberWasInteger) counts.commaFraction++;
    }
    if (!comma) {
      if (point || commaForm) counts.decoratedOnly++;
      else counts.other++;
    }
  }
}

/** `[+-]d{1,3},ddd`: a decimal comma with three decimals, or a whole number with a US thousands comma. */
function usThousands(buf: Uint8Array, s: number, e: number): boolean {
  while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
  while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
  if (buf[s] === 45 || buf[s] === 43) s++;
  const comma = e - 4;
  if (comma - s < 1 || comma - s > 3 || buf[comma] !== 44) return false;
  for (let i = s; i < e; i++) if (i !== comma && (buf[i] < 48 || buf[i] > 57)) return false;
  return true;
}

/**
 * How a file's delimiter bears on commas in numbers: `never` in a comma-separated file (a comma in
 * a quoted number is more often a US thousands separator); `likely` with semicolons, the delimiter
 * of spreadsheets that write decimal commas; `unambiguous` otherwise (tabs, pipes): only when some
 * value cannot be US thousands ("12,5", "1.234,56").
 */
export type DecimalComma = 'never' | 'unambiguous' | 'likely';

export function decimalCommaFor(delimiter: number): DecimalComma {
  return delimiter === 44 ? 'never' : delimiter === 59 ? 'likely' : 'unambiguous';
}

/** The storage kind a column's sample calls for. */
export interface KindGuess {
  kind: SinkKind;
  family?: DateFamily;
  /** Whether the sample was all integers (for a number kind). */
  integer?: boolean;
  /** Numbers written with a decimal comma (see `parseCommaNumber`). */
  decimalComma?: boolean;
  /** Some numbers carry a currency or percent sign, thousands separators or parentheses (see `parseDecoratedNumber`). */
  decorated?: boolean;
}

/** Whether a column's sample reads as numbers with a decimal comma (and points between thousands). */
export function readsDecimalComma(c: ShapeCounts, mode: DecimalComma): boolean {
  if (mode === 'likely') return c.comma > 0 || c.commaDecorated > 0;
  return mode === 'unambiguous' && (c.comma > c.commaAmbiguous || c.commaDecoratedOnly > 0);
}

/**
 * Every non-missing value must share one shape; otherwise the column is a string. `decimalComma`:
 * whether a comma in a number may be its decimal mark (see `DecimalComma`).
 */
export function decideKind(c: ShapeCounts, decimalComma: DecimalComma = 'never'): KindGuess {
  const n = c.integer + c.float + c.boolean + c.iso + c.mdy + c.dmy + c.named + c.comma + c.decoratedOnly + c.other;
  // Floats must read the same way with a decimal comma ("2.345" is 2345 there; "2.5" is no such number).
  if (readsDecimalComma(c, decimalComma) && c.integer + c.grouped + c.comma + c.commaDecorated === n) {
    return { kind: 'number', integer: c.commaFraction === 0, decimalComma: true, ...(c.commaDecorated > 0 ? { decorated: true } : {}) };
  }
  if (n === 0 || c.other > 0) return { kind: 'string' };
  // With a decimal point: "1,234" is a thousand and more, "$5" and "12%" are numbers.
  if (c.decorated > 0 && c.integer + c.float + c.decorated === n) {
    return { kind: 'number', integer: c.float === 0 && c.decoratedFraction === 0, decorated: true };
  }
  if (c.comma > 0 || c.decoratedOnly > 0) return { kind: 'string' };
  if (c.integer + c.float === n) return { kind: 'number', integer: c.float === 0 };
  if (c.boolean === n) return { kind: 'boolean' };
  for (const family of ['iso', 'mdy', 'dmy', 'named'] as const) if (c[family] === n) return { kind: 'datetime', family };
  return { kind: 'string' };
}

/** Classifies the fields of up to `maxRows` complete records of `buf[pos, end)`; also returns the rows seen and where they ended. */
export function sampleShapes(
  buf: Uint8Array,
  pos: number,
  end: number,
  eof: boolean,
  delimiter: number,
  columns: number,
  isMissing: MissingMatcher,
  maxRows: number,
): { counts: ShapeCounts[]; rows: number; end: number } {
  const counts = Array.from({ length: columns }, shapeCounts);
  const rec = recordBuffer(columns + 1);
  let scratch = new Uint8Array(256);
  let rows = 0;
  while (pos < end && rows < maxRows) {
    const next = scanRecord(buf, pos, end, eof, delimiter, rec);
    if (next < 0) break;
    pos = next;
    if (rec.count === 1 && rec.starts[0] === rec.ends[0] && rec.quoted[0] === 0) continue;
    rows++;
    const n = Math.min(rec.count, columns);
    for (let c = 0; c < n; c++) {
      let s = rec.starts[c];
      let e = rec.ends[c];
      let bytes = buf;
      if (rec.quoted[c] === ESCAPED) {
        if (scratch.length < e - s) scratch = new Uint8Array(e - s);
        e = unquote(buf, s, e, scratch);
        s = 0;
        bytes = scratch;
      }
      countShape(bytes, s, e, isMissing, counts[c]);
    }
  }
  return { counts, rows, end: pos };
}
