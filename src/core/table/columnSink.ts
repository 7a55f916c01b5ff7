import { ByteDictionary } from './byteDictionary';
import type { MissingMatcher } from './missingTokens';
import { lastNumberWasInteger, parseNumber } from './parseNumber';
import { datetimePattern, lastDatetimeShape, parseDatetime, type DateFamily } from './parseDatetime';
import { parseBoolean } from './parseBoolean';

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
  /** The pattern of the first datetime parsed. */
  pattern = '';
  readonly dictionary: ByteDictionary | null;

  constructor(
    readonly plan: SinkPlan,
    readonly index: number,
    private readonly isMissing: MissingMatcher,
    decode: (buf: Uint8Array, s: number, e: number) => string,
    capacity = 1024,
    /** Storage to fill first (a region of a shared column); outgrowing it moves the column to a new plain array. */
    storage?: Float64Array | Int32Array,
  ) {
    this.kind = KIND_CODES[plan.kind];
    const string = this.kind === STRING;
    this.values = !string && storage instanceof Float64Array ? storage : new Float64Array(string ? 0 : capacity);
    this.codes = string && storage instanceof Int32Array ? storage : new Int32Array(string ? capacity : 0);
    this.dictionary = string ? new ByteDictionary(decode) : null;
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
    const v = parseNumber(buf, s, e);
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
      if (this.pattern === '') this.pattern = datetimePattern(this.plan.family!, lastDatetimeShape);
      this.values[this.length++] = v;
    } else this.notFitting(buf, s, e);
  }

  addBoolean(buf: Uint8Array, s: number, e: number): void {
    if (this.length === this.values.length) this.grow();
    const v = parseBoolean(buf, s, e);
    if (v >= 0) this.values[this.length++] = v;
    else this.notFitting(buf, s, e);
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
