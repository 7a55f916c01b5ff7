/** numberSplit reads a dataframe_split body of numbers and nulls from its bytes exactly as JSON.parse reads its text, or declines. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { numberSplit } from '../../../../src/core/serve/numberSplit';

const bytes = (text: string) => new TextEncoder().encode(text);
/** JSON.parse's reading of the body, as numberSplit answers it (NaN for null). */
function parsed(text: string) {
  const { columns, data } = (JSON.parse(text) as { dataframe_split: { columns: string[]; data: (number | null)[][] } }).dataframe_split;
  return { columns, values: data.flat().map((v) => (v === null ? NaN : v)), cells: data };
}
function expectSame(text: string): void {
  const got = numberSplit(bytes(text), 1, 1e6);
  expect(got).not.toBeNull();
  const want = parsed(text);
  expect(got!.columns).toEqual(want.columns);
  expect(got!.numbers.n).toBe(want.cells.length);
  // Object.is tells -0 from 0 and NaN from NaN-free: every number to the bit.
  expect(Array.from(got!.numbers.values).every((v, i) => Object.is(v, want.values[i]))).toBe(true);
  expect(got!.numbers.values.length).toBe(want.values.length);
  expect(got!.cells()).toEqual(want.cells);
}

describe('numberSplit', () => {
  test.each([
    ['exponents and signs', '[[1E5, 1e-7, 2.5E+3, -0, -0.0, 0, 1e22, 1e23, -1e-22, 5e-324]]'],
    ['more digits than a double holds', '[[12345678901234567890, 0.1234567890123456789, 9007199254740993, 179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000]]'],
    ['out of range', '[[1e400, -1e400, 1e-400, 2.4703282292062328e-324]]'],
    ['nulls and spaces', ' [ [ null ,\t1 ] ,\r\n [ 2.50 , null ] ] '],
  ])('%s: the numbers JSON.parse reads', (_, data) => {
    const width = (JSON.parse(data) as unknown[][])[0].length;
    expectSame(`{"dataframe_split": {"columns": ${JSON.stringify(Array.from({ length: width }, (_, j) => 'c' + j))}, "data": ${data}}}`);
  });

  test('any table of doubles and nulls, in either key order', () => {
    const cell = fc.oneof(fc.double(), fc.integer(), fc.constant(null), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    const table = fc.integer({ min: 1, max: 6 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 20 }));
    fc.assert(
      fc.property(table, fc.boolean(), (rows, dataFirst) => {
        // JSON has no NaN or infinity: JSON.stringify writes them as null, as a client would.
        const data = JSON.stringify(rows);
        const columns = JSON.stringify(rows[0].map((_, j) => 'col ' + j));
        expectSame(dataFirst ? `{"dataframe_split":{"data":${data},"columns":${columns}}}` : `{"dataframe_split":{"columns":${columns},"data":${data}}}`);
      }),
      { numRuns: 300 },
    );
  });

  test('column names with other scripts and a leading U+FEFF read as JSON.parse reads them', () => {
    expectSame('{"dataframe_split": {"columns": ["\uFEFFid", "Größe (cm)", "面积", "😀"], "data": [[1, 2, 3, 4]]}}');
  });

  test('a very long name and a number of very many digits', () => {
    expectSame(`{"dataframe_split": {"columns": ["${'n'.repeat(200_000)}"], "data": [[0.${'3'.repeat(200_000)}e5], [${'9'.repeat(5000)}]]}}`);
  });

  test.each([
    ['a string cell', '{"dataframe_split": {"columns": ["a"], "data": [["1"]]}}'],
    ['a boolean cell', '{"dataframe_split": {"columns": ["a"], "data": [[true]]}}'],
    ['an escape in a name', '{"dataframe_split": {"columns": ["a\\u0041"], "data": [[1]]}}'],
    ['params beside the frame', '{"dataframe_split": {"columns": ["a"], "data": [[1]]}, "params": {}}'],
    ['an index key', '{"dataframe_split": {"columns": ["a"], "index": [0], "data": [[1]]}}'],
    ['rows of unequal length', '{"dataframe_split": {"columns": ["a", "b"], "data": [[1, 2], [3]]}}'],
    ['a row longer than the columns', '{"dataframe_split": {"columns": ["a"], "data": [[1, 2]]}}'],
    ['no rows', '{"dataframe_split": {"columns": ["a"], "data": []}}'],
    ['a leading zero', '{"dataframe_split": {"columns": ["a"], "data": [[01]]}}'],
    ['a bare point', '{"dataframe_split": {"columns": ["a"], "data": [[1.]]}}'],
    ['a plus sign', '{"dataframe_split": {"columns": ["a"], "data": [[+1]]}}'],
    ['an unfinished body', '{"dataframe_split": {"columns": ["a"], "data": [[1]]'],
    ['text after the body', '{"dataframe_split": {"columns": ["a"], "data": [[1]]}} x'],
    ['a byte order mark', '\uFEFF{"dataframe_split": {"columns": ["a"], "data": [[1]]}}'],
    ['another field', '{"dataframe_records": [{"a": 1}]}'],
    ['a repeated key', '{"dataframe_split": {"columns": ["a"], "data": [[1]], "data": [[2]]}}'],
  ])('declines %s (JSON.parse reads it, or names the problem)', (_, text) => {
    expect(numberSplit(bytes(text), 1, 1000)).toBeNull();
  });

  test('declines fewer rows than the least and more than the limit', () => {
    const three = bytes('{"dataframe_split": {"columns": ["a"], "data": [[1], [2], [3]]}}');
    expect(numberSplit(three, 1, 2)).toBeNull();
    expect(numberSplit(three, 4, 10)).toBeNull();
    expect(numberSplit(three, 3, 3)?.numbers.n).toBe(3);
    // Names holding ']' do not make a small body look large enough.
    expect(numberSplit(bytes('{"dataframe_split": {"columns": ["]]]]]"], "data": [[1]]}}'), 4, 10)).toBeNull();
  });
});
