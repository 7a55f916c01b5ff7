import { ByteDictionary } from './byteDictionary';
import type { MissingMatcher } from './missingTokens';
import { lastNumberWasInteger, parseNumber } from './parseNumber';
import { lastDatetimePattern, parseDatetime, type DateFamily } from './parseDatetime';
import { isoFixed, scanHashed, scannedHash, scanPlainNumber } from './fastFields';
import { booleanFormat } from './booleanWords';
import { parseBoolean } from './parseBoolean';
import { parseCommaNumber } from './parseCommaNumber';
import { parseDecoratedNumber } from './parseDecoratedNumber';

/** How a column's bytes are stored while parsing. */
export type SinkKind = 'number' | 'boolean' | 'datetime' | 'string';

/** The parse plan of one column. */
export interface SinkPlan {
  kind: SinkKind;
  /** For `datetime`: which date syntax. */
  family?: DateFamily;
  /** For `number`: values with a point or exponent do not fit (an `integer` override). */
  integerOnly?: boolean;
  /** Values that do not fit become missing and are counted, instead of stopping the parse. */
  lenient?: boolean;
  /** For `number`: read with a decimal comma and points between thousands (`parseCommaNumber`). */
  decimalComma?: boolean;
  /** For `number`: also read currency and percent signs, thousands separators and parentheses (`parseDecoratedNumber`). */
  decorated?: boolean;
}

/** Thrown in strict mode when a value does not fit the column's kind: the reader re-plans it as string. */
export class WidenColumn extends Error {
  override name = 'WidenColumn';
  constructor(readonly column: number) {
    super(`column ${column} needs widening`);
  }
}

/** `ColumnSink.kind` codes. */
export const NUMBER = 0;
export const BOOLEAN = 1;
export const DATETIME = 2;
export const STRING = 3;
const KIND_CODES: Record<SinkKind, number> = { number: NUMBER, boolean: BOOLEAN, datetime: DATETIME, string: STRING };

/**
 * Receives one column's fields as byte ranges and stores them typed: numbers in a growing
 * Float64Array (NaN = missing), strings as dictionary codes (-1 = missing).
 */
export class ColumnSink {
  readonly kind: number;
  length = 0;
  values: Float64Array;
  codes: Int32Array;
  /** Whether any number had a point or exponent. */
  sawFloat = false;
  mismatches = 0;
  /** Missing cells stored in `values` (numeric kinds). */
  missingCount = 0;
  /** The pattern of the first datetime parsed, or a boolean column's words (see booleanWords.ts). */
  pattern = '';
  readonly dictionary: ByteDictionary | null;
  /** Width of the last ISO date parsed, tried first for the next one (0: none yet, or not ISO). */
  private dateWidth = 0;
  /** Numbers with a decimal comma: the one-pass reader knows only points, so every field goes through `add`. */
  private readonly decimalComma: boolean;
  /** A boolean column's first false and true cells as written, trimmed ('' until seen). */
  private readonly words: [string, string] = ['', ''];

  constructor(
    readonly plan: SinkPlan,
    readonly index: number,
    private readonly isMissing: MissingMatcher,
    private readonly decode: (buf: Uint8Array, s: number, e: number) => string,
    capacity = 1024,
    /** Storage to fill first (a region of a shared column); outgrowing it moves the column to a new plain array. */
    storage?: Float64Array | Int32Array,
  ) {
    this.kind = KIND_CODES[plan.kind];
    this.decimalComma = plan.decimalComma === true;
    const string = this.kind === STRING;
    this.values = !string && storage instanceof Float64Array ? storage : new Float64Array(string ? 0 : capacity);
    this.codes = string && storage instanceof Int32Array ? storage : new Int32Array(string ? capacity : 0);
    this.dictionary = string ? new ByteDictionary(decode) : null;
  }

  /**
   * Stores the unquoted field starting at `p` when it has its column's simple shape (see
   * `fastFields`), reading its bytes once; returns the offset of the byte that ends it, or -1
   * (nothing stored) for the caller to find the field's end and call `add`.
   */
  tryFast(buf: Uint8Array, p: number, end: number, stops: Uint8Array): number {
    const kind = this.kind;
    if (kind === NUMBER) {
      if (this.decimalComma) return -1;
      if (this.length === this.values.length) this.grow();
      const r = scanPlainNumber(buf, p, end, stops, this.values, this.length);
      if (r < 0) return -1;
      const integer = r % 2;
      if (integer === 0) {
        if (this.plan.integerOnly) return -1;
        this.sawFloat = true;
      }
      this.length++;
      return (r - integer) / 2;
    }
    if (kind === STRING) {
      const q = scanHashed(buf, p, end, stops);
      if (q < 0) return -1;
      if (this.length === this.codes.length) this.grow();
      this.codes[this.length++] = this.isMissing(buf, p, q) ? -1 : this.dictionary!.internHashed(buf, p, q, scannedHash);
      return q;
    }
    if (kind !== DATETIME || this.dateWidth === 0) return -1;
    // A valid ISO date holds no delimiter or line end, so a stop byte right after it ends the field.
    const q = p + this.dateWidth;
    if (q >= end || stops[buf[q]] === 0) return -1;
    const v = isoFixed(buf, p, q - p);
    if (v !== v) return -1;
    if (this.length === this.values.length) this.grow();
    this.values[this.length++] = v;
    return q;
  }

  /** Stores `buf[s, e)` according to the column's kind. */
  add(buf: Uint8Array, s: number, e: number): void {
    const kind = this.kind;
    if (kind === STRING) this.addString(buf, s, e);
    else if (kind === NUMBER) this.addNumber(buf, s, e);
    else if (kind === DATETIME) this.addDatetime(buf, s, e);
    else this.addBoolean(buf, s, e);
  }

  addString(buf: Uint8Array, s: number, e: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length++] = this.isMissing(buf, s, e) ? -1 : this.dictionary!.intern(buf, s, e);
  }

  addNumber(buf: Uint8Array, s: number, e: number): void {
    if (this.length === this.values.length) this.grow();
    let v = this.decimalComma ? parseCommaNumber(buf, s, e) : parseNumber(buf, s, e);
    if (v !== v && this.plan.decorated) v = parseDecoratedNumber(buf, s, e, this.decimalComma);
    if (v === v) {
      if (!lastNumberWasInteger) {
        if (this.plan.integerOnly) return this.mismatch(buf, s, e);
        this.sawFloat = true;
      }
      this.values[this.length++] = v;
    } else this.notFitting(buf, s, e);
  }

  addDatetime(buf: Uint8Array, s: number, e: number): void {
    if (this.length === this.values.length) this.grow();
    const v = parseDatetime(buf, s, e, this.plan.family!);
    if (v === v) {
      if (this.pattern === '') this.pattern = lastDatetimePattern(this.plan.family!);
      if (this.plan.family === 'iso') this.dateWidth = e - s;
      this.values[this.length++] = v;
    } else this.notFitting(buf, s, e);
  }

  addBoolean(buf: Uint8Array, s: number, e: number): void {
    if (this.length === this.values.length) this.grow();
    const v = parseBoolean(buf, s, e);
    if (v >= 0) {
      this.values[this.length++] = v;
      if (this.words[v] === '') this.noteWord(buf, s, e, v);
    } else this.notFitting(buf, s, e);
  }

  /** Keeps the first spelling of a boolean value (at most twice a column). */
  private noteWord(buf: Uint8Array, s: number, e: number, v: number): void {
    while (buf[s] === 32 || buf[s] === 9) s++;
    while (buf[e - 1] === 32 || buf[e - 1] === 9) e--;
    this.words[v] = this.decode(buf, s, e);
    this.pattern = booleanFormat(this.words[0], this.words[1]);
  }

  private notFitting(buf: Uint8Array, s: number, e: number): void {
    if (this.isMissing(buf, s, e)) {
      this.values[this.length++] = NaN;
      this.missingCount++;
    } else this.mismatch(buf, s, e);
  }

  private mismatch(buf: Uint8Array, s: number, e: number): void {
    if (!this.plan.lenient) throw new WidenColumn(this.index);
    if (this.isMissing(buf, s, e) === false) this.mismatches++;
    this.values[this.length++] = NaN;
    this.missingCount++;
  }

  /** A missing cell (padding of a short row). */
  missing(): void {
    if (this.length === (this.kind === STRING ? this.codes.length : this.values.length)) this.grow();
    if (this.kind === STRING) this.codes[this.length++] = -1;
    else {
      this.values[this.length++] = NaN;
      this.missingCount++;
    }
  }

  private grow(): void {
    if (this.kind === STRING) {
      const grown = new Int32Array(Math.max(1024, this.codes.length * 2));
      grown.set(this.codes);
      this.codes = grown;
    } else {
      const grown = new Float64Array(Math.max(1024, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
  }
}
