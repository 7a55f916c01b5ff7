/** scorer.mjs's predictNumbers (rows of numbers in one Float64Array, NaN for missing) answers what predictColumns answers with null for NaN. */
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildBundle, type RowPrediction } from '../../../../src/core/deploy';
import { disposeModel } from '../../../../src/core/models';
import { crafted, importScorer, trainTiny, type Tiny } from './trainTiny';

interface NumbersScorer {
  predictColumns(columns: string[], rows: unknown[][]): RowPrediction[];
  predictNumbers(columns: string[], values: Float64Array, n: number): RowPrediction[];
}

let tiny: Tiny | undefined;
let scorer: NumbersScorer;
beforeAll(async () => {
  // A datetime, a skewed number, a category (sent as a number, read as its text) and a boolean.
  tiny = await trainTiny(crafted(), 'y', { kind: 'logistic', seed: 5, options: { epochs: 2 } });
  const bundle = buildBundle({ name: 'crafted', version: 1, fitted: tiny.result.fitted, model: { kind: 'tf', modelKind: 'logistic', files: tiny.files! }, createdAt: '2026-01-02T03:04:05.000Z' });
  scorer = (await importScorer(strFromU8(bundle.files['scorer.mjs']))) as unknown as NumbersScorer;
}, 120_000);
afterAll(() => tiny && disposeModel(tiny.result.model));

test('rows of numbers, in any column order and with a column the model ignores, answer as their cell lists do', () => {
  const columns = ['flag', 'extra', 'city', 'amount', 'when'];
  const n = 120;
  const values = new Float64Array(n * columns.length);
  for (let i = 0; i < values.length; i++) {
    const j = i % columns.length;
    values[i] = i % 11 === 0 ? NaN : j === 0 ? i % 2 : j === 2 ? i % 4 : j === 3 ? (i % 17) / 3 - 1 : j === 4 ? Date.UTC(2000, 0, 1) + i * 3_600_000 * 7 : i;
  }
  const cells = Array.from({ length: n }, (_, r) => Array.from(values.subarray(r * columns.length, (r + 1) * columns.length), (v) => (Number.isNaN(v) ? null : v)));
  const answers = scorer.predictNumbers(columns, values, n);
  expect(answers).toEqual(scorer.predictColumns(columns, cells));
  expect(answers.filter((a) => 'label' in a)).toHaveLength(n);
});

test('a missing input column is named on every row; arguments of the wrong kind are refused', () => {
  const answers = scorer.predictNumbers(['amount', 'when', 'flag'], new Float64Array([1, 2, 3, 4, 5, 6]), 2);
  expect(answers).toEqual(scorer.predictColumns(['amount', 'when', 'flag'], [[1, 2, 3], [4, 5, 6]]));
  expect(answers[0]).toEqual({ error: expect.stringContaining("'city'") });
  expect(() => scorer.predictNumbers(['amount'], new Float64Array(1), 2)).toThrow(TypeError);
  expect(() => scorer.predictNumbers(['amount'], [1, 2] as unknown as Float64Array, 2)).toThrow(TypeError);
});
