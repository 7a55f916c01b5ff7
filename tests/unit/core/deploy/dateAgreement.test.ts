/**
 * One date reader: every supported date shape gives the same numbers in training, scorer.mjs, the
 * demo page's scorer and ONNX input preparation, in three time zones (Node applies a change of
 * process.env.TZ at once; each block checks the offset took effect, so a zone that silently did not
 * apply fails instead of passing).
 */
import { afterAll, describe, expect, test } from 'vitest';
import { coerceCell, modelCard, onnxInputs, scoreTable } from '../../../../src/core/deploy';
import { memorySource, readTable } from '../../../../src/core/table';
import { CENTER, CLASSES, demoScorer, moduleScorer, onnxMs, scoredFeatures, SHAPES, trainOn } from './dateShapes';

const ZONES: [string, number][] = [
  ['UTC', 0],
  ['America/Los_Angeles', 420],
  ['Asia/Kolkata', -330],
];
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe.each(ZONES)('dates in TZ=%s', (zone, offsetInMay) => {
  test('the zone is in effect', () => {
    process.env.TZ = zone;
    expect(new Date(Date.UTC(2024, 4, 1)).getTimezoneOffset()).toBe(offsetInMay);
  });

  test.each(Object.keys(SHAPES) as (keyof typeof SHAPES)[])('%s: training, scorer.mjs, the demo page and ONNX inputs agree', async (family) => {
    process.env.TZ = zone;
    const values = SHAPES[family].map(([text]) => text);
    const { fitted, model, column, X } = await trainOn(values);
    // Training read each text as the instant written out by hand.
    expect(Array.from(column.values)).toEqual(SHAPES[family].map(([, ms]) => ms));
    expect(fitted.inputSchema.find((c) => c.name === 'at')?.format?.slice(0, 10)).toBe({ iso: 'YYYY-MM-DD', mdy: 'MM/DD/YYYY', dmy: 'DD.MM.YYYY', named: 'MMM DD YYY' }[family]);
    const rows = values.map((v) => ({ at: v, at2: v }));
    const d = CLASSES.length;
    const training = values.map((_, i) => Array.from(X.subarray(i * d, (i + 1) * d)));
    expect(scoredFeatures(await moduleScorer(fitted, model, `${family}-${zone}`), rows, CLASSES)).toEqual(training);
    expect(scoredFeatures(demoScorer(fitted, model), rows, CLASSES)).toEqual(training);
    expect(onnxMs(fitted, rows)).toEqual(Array.from(column.values));
    // Near CENTER the last feature is the exact millisecond offset, so times agree to the millisecond.
    SHAPES[family].forEach(([, ms], i) => {
      if (Math.abs(ms - CENTER) < 2 ** 24) expect(training[i][d - 1]).toBe(ms - CENTER);
    });
  });

  test('a date in another shape than training read is refused with the column, the value and the shape; ISO 8601 is always read', async () => {
    process.env.TZ = zone;
    const { fitted, model } = await trainOn(SHAPES.dmy.map(([text]) => text));
    const rows = [{ at: '5/1/2024', at2: '01.05.2024' }, { at: '01.05.2024', at2: '2024-05-01' }, { at: '01.05.2024', at2: '01.05.2024' }];
    const first = `Column 'at' holds "5/1/2024", which is not a date written as in the training data (DD.MM.YYYY, day before month); send a date in that shape, in ISO 8601 (2024-05-01), as epoch milliseconds or null.`;
    for (const scorer of [await moduleScorer(fitted, model, `refuse-${zone}`), demoScorer(fitted, model)]) {
      const out = scorer.predict(rows);
      expect(out[0]).toEqual({ error: first });
      expect(out[1]).toHaveProperty('probabilities');
      expect(out[1]).toEqual(out[2]);
    }
    expect(onnxInputs(rows, fitted).errors).toEqual([{ row: 0, error: first }]);
  });

  test('a recipe saved before formats were recorded reads text by training inference, never Date.parse', () => {
    process.env.TZ = zone;
    // Date.parse reads this as 5 January, local time: the skew this reader removed.
    expect(coerceCell('01.05.2024', 'at', 'datetime')).toEqual({ ok: true, value: Date.UTC(2024, 4, 1) });
    expect(coerceCell('05/01/2024 06:30', 'at', 'datetime')).toEqual({ ok: true, value: Date.UTC(2024, 4, 1, 6, 30) });
    expect(coerceCell('2024-05-01T06:30', 'at', 'datetime')).toEqual({ ok: true, value: Date.UTC(2024, 4, 1, 6, 30) });
    expect(coerceCell('May 1, 2024', 'at', 'datetime')).toEqual({ ok: true, value: Date.UTC(2024, 4, 1) });
    expect(coerceCell('the first of May', 'at', 'datetime')).toMatchObject({ ok: false, error: expect.stringMatching(/^Column 'at' holds "the first of May", which is not a date; send an ISO 8601/) });
  });
});

describe('batch scoring', () => {
  test('a file whose dates are written in another family than training is refused row by row; the right family is scored', async () => {
    const { fitted, model } = await trainOn(SHAPES.dmy.map(([text]) => text));
    const scorer = await moduleScorer(fitted, model, 'batch');
    const other = (await readTable(memorySource('at,at2\n05/01/2024,05/01/2024\n,\n', 'mdy.csv'))).table;
    const refused = await scoreTable(other, scorer, fitted);
    expect(refused.refused).toBe(1);
    const error = refused.table.columns.find((c) => c.name === 'error')!;
    expect('dictionary' in error && error.dictionary[error.codes[0]]).toBe(
      `Column 'at' holds dates written MM/DD/YYYY in this file, but the model was trained on dates written DD.MM.YYYY; rewrite the column in that shape and score again.`,
    );
    const same = (await readTable(memorySource('at,at2\n01.05.2024,01.05.2024\n', 'dmy.csv'))).table;
    expect(await scoreTable(same, scorer, fitted)).toMatchObject({ scored: 1, refused: 0 });
  });
});

test("the model card tells callers each date column's shape, and its example row is one the scorer accepts", async () => {
  const { fitted, model } = await trainOn(SHAPES.dmy.map(([text]) => text));
  const card = modelCard(fitted, { name: 'dates', version: 1, kind: 'mlp', createdAt: '2026-01-02T03:04:05.000Z', hasTfjs: true });
  expect(card).toContain('| at | datetime written DD.MM.YYYY as in training, or epoch ms (UTC) |');
  const example = /predict\(\[(\{.*\})\]\)/.exec(card)![1];
  expect(JSON.parse(example)).toMatchObject({ at: '01.05.2024' });
  expect((await moduleScorer(fitted, model, 'card')).predictOne(JSON.parse(example))).toHaveProperty('probabilities');
});
