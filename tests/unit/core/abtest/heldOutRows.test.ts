import { describe, expect, test } from 'vitest';
import { heldOutRows, type ModelTraining } from '../../../../src/core/abtest';
import { splitRows, type SplitSpec } from '../../../../src/core/recipe';
import { tableOf } from '../recipe/tableOf';

const n = 200;
const table = tableOf({ x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : i % 3 === 0 ? 'a' : 'b')) }, {}, 'data.csv');
const FP = `sha256:${'1'.repeat(64)}`;
const spec = (seed: number, testFraction = 0.2): SplitSpec => ({ method: 'stratified', testFraction, seed });
const model = (label: string, s: SplitSpec | null, extra: Partial<ModelTraining> = {}): ModelTraining => ({
  label,
  split: s && { spec: s, dataFingerprint: FP, dataRows: n, trainRows: splitRows(table, 'y', s).train.length },
  trainedOn: FP,
  ...extra,
});

describe('heldOutRows', () => {
  test('models with the same split share its test rows, with no note', () => {
    const out = heldOutRows(table, 'y', FP, [model('A', spec(1)), model('B', spec(1))]);
    expect(out).toEqual({ ok: true, rows: splitRows(table, 'y', spec(1)).test, notes: [] });
  });

  test('different splits leave only the rows neither trained on, and say so with the count', () => {
    const out = heldOutRows(table, 'y', FP, [model('A', spec(1, 0.5)), model('B', spec(2, 0.5))]);
    if (!out.ok) throw new Error(out.reason);
    const a = new Set(splitRows(table, 'y', spec(1, 0.5)).test);
    const expected = splitRows(table, 'y', spec(2, 0.5)).test.filter((r) => a.has(r));
    expect(Array.from(out.rows)).toEqual(Array.from(expected));
    expect(expected.length).toBeGreaterThan(0);
    expect(out.notes).toEqual([`A and B split data.csv differently, so only the ${expected.length} rows none of them trained on are compared.`]);
  });

  test('rows without a target are never compared', () => {
    const out = heldOutRows(table, 'y', FP, [model('A', spec(3)), model('B', spec(3))]);
    if (!out.ok) throw new Error(out.reason);
    expect(Array.from(out.rows).every((r) => r % 7 !== 0)).toBe(true);
  });

  test('a model trained on another file gives up no rows, and the note says so', () => {
    const out = heldOutRows(table, 'y', FP, [model('A', spec(1)), model('B', spec(9), { trainedOn: `sha256:${'2'.repeat(64)}` })]);
    expect(out).toEqual({ ok: true, rows: splitRows(table, 'y', spec(1)).test, notes: ['B trained on another file; every row of data.csv counts as unseen by it.'] });
  });

  test.each([
    ['a version whose split was not saved', [model('A', spec(1)), model('B', null, { unknown: 'This version was registered before splits were saved.' })], /^B: This version was registered before splits were saved\.$/],
    ['a model with no known training file', [model('A', spec(1)), model('B', spec(1), { trainedOn: '' })], /^B does not record which file it trained on/],
    ['a model trained on every row', [model('A', spec(1)), model('B', null)], /^B trained on every row of data\.csv/],
    ['a split that no longer rebuilds to the rows it trained on', [model('A', spec(1)), { ...model('B', spec(1)), split: { spec: spec(1), dataFingerprint: FP, dataRows: n, trainRows: 3 } }], /^The split of B cannot be rebuilt exactly: it trained on 3 rows/],
    ['splits with no test row in common', [model('A', spec(1, 0.01)), model('B', spec(4, 0.01))], /^No row of data\.csv is held out from every model: each row trained at least one of A and B\. Compare on a file/],
  ])('%s: no rows, and the reason offers a file', (_name, models, reason) => {
    const out = heldOutRows(table, 'y', FP, models);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reason).toMatch(reason);
  });
});
