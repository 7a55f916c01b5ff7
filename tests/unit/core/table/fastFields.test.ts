import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { columnSummary, memorySource, readTable, type Column } from '../../../../src/core/table';
import { fastDelimiter, isoFixed, scanHashed, scannedHash, scanPlainNumber } from '../../../../src/core/table/fastFields';
import { lastNumberWasInteger, parseNumber } from '../../../../src/core/table/parseNumber';
import { parseDatetime } from '../../../../src/core/table/parseDatetime';

const encoder = new TextEncoder();
const STOPS = new Uint8Array(256);
STOPS[44] = STOPS[10] = STOPS[13] = 1;

/** Text built from the bytes numbers are made of, plus a few that are not. */
const numberish = fc.array(fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', ' ', 'x'), { minLength: 0, maxLength: 20 }).map((a) => a.join(''));
const digitsText = fc.tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,18}$/), fc.option(fc.stringMatching(/^[0-9]{0,18}$/)))
  .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);

describe('scanPlainNumber', () => {
  test('accepts only what parseNumber reads, with the same value and integer flag, bit for bit', () => {
    fc.assert(
      fc.property(fc.oneof(numberish, digitsText), fc.constantFrom(',', '\n', '\r', ''), (text, after) => {
        const buf = encoder.encode(text + after);
        const out = new Float64Array(1);
        const r = scanPlainNumber(buf, 0, buf.length, STOPS, out, 0);
        if (r < 0) return;
        expect(after).not.toBe('');
        expect(Math.floor(r / 2)).toBe(text.length);
        const v = parseNumber(buf, 0, text.length);
        expect(Object.is(out[0], v)).toBe(true);
        expect(r % 2 === 1).toBe(lastNumberWasInteger);
      }),
      { numRuns: 3000 },
    );
  });
  test('reads the common shapes and leaves the rest to the general path', () => {
    const scan = (text: string) => {
      const buf = encoder.encode(`${text},`);
      const out = new Float64Array(1);
      const r = scanPlainNumber(buf, 0, buf.length, STOPS, out, 0);
      return r < 0 ? null : out[0];
    };
    expect(scan('2516')).toBe(2516);
    expect(scan('-13')).toBe(-13);
    expect(scan('0.1')).toBe(0.1);
    expect(Object.is(scan('-0'), -0)).toBe(true);
    for (const general of ['007', ' 5', '5 ', '1e3', '5.', '.5', '', '-', '1234567890123456', 'inf']) expect(scan(general)).toBeNull();
  });
});

describe('isoFixed', () => {
  const stamp = fc.date({ min: new Date(Date.UTC(1800, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString());
  test('agrees with parseDatetime on dates, minutes and seconds, valid or corrupted', () => {
    fc.assert(
      fc.property(stamp, fc.constantFrom(10, 16, 19, 23, 24), fc.constantFrom(' ', 'T'), fc.integer({ min: -1, max: 18 }), fc.constantFrom('0', '3', '9', ':', 'x'),
        (iso, width, sep, at, byte) => {
          let text = `${iso.slice(0, 10)}${sep}${iso.slice(11)}`.slice(0, width);
          if (at >= 0 && at < text.length) text = text.slice(0, at) + byte + text.slice(at + 1);
          const buf = encoder.encode(text);
          const fast = isoFixed(buf, 0, buf.length);
          const general = parseDatetime(buf, 0, buf.length, 'iso');
          // NaN from the fast reader only sends the field to the general path; a number must match it.
          if (fast === fast) expect(fast).toBe(general);
          else if (width === 10 || width === 16 || width === 19) expect(general).toBeNaN();
        }),
      { numRuns: 3000 },
    );
  });
  test('checks the calendar', () => {
    const at = (text: string) => isoFixed(encoder.encode(text), 0, text.length);
    expect(at('2024-02-29 10:30')).toBe(Date.UTC(2024, 1, 29, 10, 30));
    expect(at('2023-02-29')).toBeNaN();
    expect(at('2024-04-31 00:00:00')).toBeNaN();
    expect(at('2024-12-31T23:59:59')).toBe(Date.UTC(2024, 11, 31, 23, 59, 59));
    expect(at('2024-01-01 24:00')).toBeNaN();
  });
});

describe('scanHashed', () => {
  test('stops at the first stop byte, or gives up at the end of the buffer', () => {
    const buf = encoder.encode('PHL,SFO');
    expect(scanHashed(buf, 0, buf.length, STOPS)).toBe(3);
    const h = scannedHash;
    expect(scanHashed(encoder.encode('PHL\n'), 0, 4, STOPS)).toBe(3);
    expect(scannedHash).toBe(h);
    expect(scanHashed(buf, 4, buf.length, STOPS)).toBe(-1);
  });
  test('is enabled only for delimiters that cannot occur inside a number or date', () => {
    expect([',', ';', '|', '\t'].every((d) => fastDelimiter(d.charCodeAt(0)))).toBe(true);
    expect([' ', '.', '-', ':', '/', '5', 'T'].some((d) => fastDelimiter(d.charCodeAt(0)))).toBe(false);
  });
});

const cell = fc.oneof(
  fc.integer({ min: -99999, max: 99999 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((v) => String(v)),
  fc.constantFrom('', 'NA', '007', ' 12', '1e5', '5.', '12345678901234567', '2024-02-29 10:30', '2024-02-30 10:30', '2024-01-05', '2024-01-05 10:00:07', 'PHL', 'é€', 'true'),
);
const kindArb = fc.constantFrom<'int' | 'mixed' | 'date' | 'text'>('int', 'mixed', 'date', 'text');

function columnCells(kind: 'int' | 'mixed' | 'date' | 'text', rows: number): fc.Arbitrary<string[]> {
  const one = kind === 'int' ? fc.oneof({ arbitrary: fc.integer({ min: -500, max: 3000 }).map(String), weight: 30 }, { arbitrary: fc.constantFrom('', '0', '007', '1.5'), weight: 1 })
    : kind === 'date' ? fc.oneof(fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 16).replace('T', ' ')), fc.constant('NA'))
      : kind === 'text' ? fc.constantFrom('PHL', 'SFO', 'BOS', '', 'ÅÄÖ', 'N/A')
        : cell;
  return fc.array(one, { minLength: rows, maxLength: rows });
}

const missingCells = (c: Column) => (('values' in c) ? Array.from(c.values).filter((v) => v !== v).length : Array.from(c.codes).filter((v) => v < 0).length);

describe('one-pass fields in a whole read', () => {
  test('a comma file (fast paths) reads exactly like the same file with a delimiter that disables them, at any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }).chain((rows) => fc.array(kindArb, { minLength: 1, maxLength: 4 }).chain((kinds) => fc.tuple(...kinds.map((k) => columnCells(k, rows))))),
        fc.integer({ min: 1, max: 300 }),
        async (columns, chunkBytes) => {
          const rows = columns[0].length;
          const text = (d: string) => [columns.map((_, i) => `c${i}`).join(d), ...Array.from({ length: rows }, (_, r) => columns.map((c) => c[r]).join(d))].join('\n') + '\n';
          const fast = await readTable(memorySource(text(','), 'f.csv'), { chunkBytes });
          const general = await readTable(memorySource(text('~'), 'f.csv'), { delimiter: '~' });
          expect(fast.table).toEqual(general.table);
          expect(fast.warnings).toEqual(general.warnings);
          for (const c of fast.table.columns) expect(columnSummary(c, fast.table.rowCount).missing).toBe(missingCells(c));
        },
      ),
      { numRuns: 300 },
    );
  });
});
