import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseNumber } from '../../../../src/core/table/parseNumber';
import { detectDateFamily, parseDatetime } from '../../../../src/core/table/parseDatetime';
import { parseBoolean } from '../../../../src/core/table/parseBoolean';

/** Reference values from pandas 1.5.3 / numpy 1.24.2 (see make-values.py). */
const reference = JSON.parse(readFileSync(join(process.cwd(), 'tests/fixtures/table/values.json'), 'utf8')) as {
  datetimes: { text: string; ms: number }[];
  invalidDatetimes: string[];
  numbers: { text: string; value: string }[];
  notNumbers: string[];
};
const bytes = (s: string) => new TextEncoder().encode(s);
const fromRepr = (r: string) => (r === 'inf' ? Infinity : r === '-inf' ? -Infinity : Number(r));

describe('parseNumber', () => {
  test.each(reference.numbers)('$text', ({ text, value }) => {
    const b = bytes(text);
    expect(parseNumber(b, 0, b.length)).toBe(fromRepr(value));
  });
  test.each(reference.notNumbers)('rejects %j', (text) => {
    const b = bytes(text);
    expect(parseNumber(b, 0, b.length)).toBeNaN();
  });
});

describe('parseDatetime', () => {
  test.each(reference.datetimes)('$text', ({ text, ms }) => {
    const b = bytes(text);
    const family = detectDateFamily(b, 0, b.length);
    expect(family).not.toBeNull();
    expect(parseDatetime(b, 0, b.length, family!)).toBe(ms);
  });
  test.each(reference.invalidDatetimes)('rejects %j', (text) => {
    const b = bytes(text);
    expect(detectDateFamily(b, 0, b.length)).toBeNull();
  });
});

describe('dates with the month as a name', () => {
  test.each([
    ['Jun 12 1998', Date.UTC(1998, 5, 12)],
    ['June 12, 1998', Date.UTC(1998, 5, 12)],
    ['jun. 2 1998', Date.UTC(1998, 5, 2)],
    ['12 Jun 1998', Date.UTC(1998, 5, 12)],
    ['12-JUN-1998', Date.UTC(1998, 5, 12)],
    ['Sept 3 2001 13:45', Date.UTC(2001, 8, 3, 13, 45)],
    ['Sept. 3, 2001', Date.UTC(2001, 8, 3)],
    ['  May 31 2020  ', Date.UTC(2020, 4, 31)],
  ])('%j', (text, ms) => {
    const b = bytes(text);
    expect(detectDateFamily(b, 0, b.length)).toBe('named');
    expect(parseDatetime(b, 0, b.length, 'named')).toBe(ms);
  });
  test.each(['Feb 30 2000', 'Jun 12 98', 'March Madness', 'May 2020 report', 'Oct 3 2020 event', 'Janu 3 2001', 'Jun-12-1998', '12 Jun-1998', 'Junes 1 2000', 'Mayday 1 2000'])('rejects %j', (text) => {
    const b = bytes(text);
    expect(detectDateFamily(b, 0, b.length)).toBeNull();
  });
});

describe('parseBoolean', () => {
  test.each([
    ['true', 1], ['FALSE', 0], ['Yes', 1], ['no', 0], ['t', 1], ['F', 0], ['y', 1], ['N', 0],
    ['0', -1], ['1', -1], ['tru', -1], ['yess', -1], ['', -1],
  ])('%j -> %d', (text, expected) => {
    const b = bytes(text as string);
    expect(parseBoolean(b, 0, b.length)).toBe(expected);
  });
});
