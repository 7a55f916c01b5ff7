/** A boolean column keeps its file's words (Yes/No): class labels, the grid and the charts say what the file says. */
import { describe, expect, test } from 'vitest';
import { comparisonInput } from '../../../../src/core/abtest/comparisonInput';
import { compareOnTable } from '../../../../src/core/abtest';
import { booleanProfile } from '../../../../src/core/profile/booleanProfile';
import { toCoded } from '../../../../src/core/profile/columnKinds';
import { fitRecipe, targetLabels, transformRecipe, type Recipe } from '../../../../src/core/recipe';
import { booleanWords, cellText, memorySource, parseCsv, parseCsvPart, readCsv, runAsync, splitParser, tableFromArrowIPC, tableToArrowIPC, type ByteSource, type NumericColumn, type RemotePartRunner, type Table } from '../../../../src/core/table';
import { booleanFormat, isBooleanPair } from '../../../../src/core/table/booleanWords';
import type { RowPrediction } from '../../../../src/core/deploy';

const column = (t: Table, name: string) => t.columns.find((c) => c.name === name)! as NumericColumn;
const recipe: Recipe = { version: 1, target: 'churned', task: 'binary', steps: [], split: { method: 'random', testFraction: 0.2, seed: 1 } };

describe('booleanFormat', () => {
  test('keeps the words the file wrote, filling a value never seen with its partner in the same case', () => {
    expect(booleanFormat('No', 'Yes')).toBe('No/Yes');
    expect(booleanFormat('', 'Yes')).toBe('No/Yes');
    expect(booleanFormat('NO', '')).toBe('NO/YES');
    expect(booleanFormat('n', '')).toBe('n/y');
    expect(booleanFormat('', 'T')).toBe('F/T');
    expect(booleanFormat('', '')).toBe('');
  });
  test('true and false in any case are the default and are not stored', () => {
    expect(booleanFormat('false', 'true')).toBe('');
    expect(booleanFormat('FALSE', 'TRUE')).toBe('');
    expect(booleanFormat('', 'True')).toBe('');
  });
  test('isBooleanPair takes a false word then a true word', () => {
    expect(isBooleanPair(['No', 'Yes'])).toBe(true);
    expect(isBooleanPair(['false', 'true'])).toBe(true);
    expect(isBooleanPair(['Yes', 'No'])).toBe(false);
    expect(isBooleanPair(['cat', 'dog'])).toBe(false);
  });
});

describe('reading', () => {
  test('a Yes/No column is boolean and shows and labels its rows in its own words', () => {
    const t = parseCsv('x,churned\n1,No\n2, Yes\n3,No\n4,\n').table;
    const c = column(t, 'churned');
    expect(c.type).toBe('boolean');
    expect(c.format).toBe('No/Yes');
    expect([0, 1, 2, 3].map((i) => cellText(c, i))).toEqual(['No', 'Yes', 'No', '']);
    expect(targetLabels(c)).toEqual(['No', 'Yes']);
    expect(toCoded(c).labels).toEqual(['No', 'Yes']);
    expect(booleanProfile(c).boolean).toEqual({ true: 1, false: 2, words: ['No', 'Yes'] });
  });
  test('true/false columns keep the default words', () => {
    const c = column(parseCsv('churned\ntrue\nFALSE\n').table, 'churned');
    expect(c.format).toBeUndefined();
    expect(booleanWords(c)).toEqual(['false', 'true']);
    expect(booleanProfile(c).boolean).toEqual({ true: 1, false: 1 });
  });
  test('the words survive the two-thread reader and the Arrow copy the studio stores', async () => {
    const lines = ['n,churned'];
    // The first half only says yes: the second thread's part brings the first no.
    for (let i = 0; i < 400; i++) lines.push(`${i},${i < 200 ? 'y' : i % 2 ? 'y' : 'n'}`);
    const source = memorySource(lines.join('\n'), 'w.csv');
    const local = (s: ByteSource): RemotePartRunner => (plan, start, stop, onProgress) => runAsync(parseCsvPart(plan, start, stop, { onProgress: (p) => onProgress(p.bytes, p.rows) }), s);
    const split = await readCsv(source, { chunkBytes: 64 }, {}, splitParser(local(source), 1));
    expect(column(split.table, 'churned').format).toBe('n/y');
    expect(column(tableFromArrowIPC(tableToArrowIPC(split.table), 'w.csv'), 'churned').format).toBe('n/y');
  });
});

describe('a boolean target', () => {
  const train = parseCsv('x,churned\n1,No\n2,Yes\n3,No\n4,Yes\n').table;
  test('its classes are the file\'s words, and another file\'s spelling (or true/false) maps by value', () => {
    const fitted = fitRecipe(train, recipe);
    expect(fitted.classes).toEqual(['No', 'Yes']);
    for (const test of ['x,churned\n5,yes\n6,no\n7,YES\n', 'x,churned\n5,true\n6,false\n7,t\n']) {
      const out = transformRecipe(fitted, parseCsv(test).table);
      expect(Array.from(out.y!), test).toEqual([1, 0, 1]);
      expect(out.unseenClass).toBe(0);
    }
  });
  test('a model fitted before the words were kept ("false"/"true") still reads a Yes/No file', () => {
    const older = { ...fitRecipe(train, recipe), classes: ['false', 'true'] };
    expect(Array.from(transformRecipe(older, train).y!)).toEqual([0, 1, 0, 1]);
  });
  test('comparing an older true/false model with a Yes/No one lines up their probabilities by position', () => {
    const p = (yes: number, words: [string, string]): RowPrediction => ({ label: yes >= 0.5 ? words[1] : words[0], probabilities: { [words[0]]: 1 - yes, [words[1]]: yes } });
    const older = { task: 'binary', target: 'churned', classes: ['false', 'true'] } as never;
    const newer = { task: 'binary', target: 'churned', classes: ['No', 'Yes'] } as never;
    const out = comparisonInput(['Yes', 'No'], [
      { name: 'new', preprocess: newer, predictions: [p(0.75, ['No', 'Yes']), p(0.25, ['No', 'Yes'])] },
      { name: 'old', preprocess: older, predictions: [p(0.5, ['false', 'true']), p(0.125, ['false', 'true'])] },
    ]);
    expect(Array.from(out.yTrue)).toEqual([1, 0]);
    expect(Array.from(out.predictions[1].probabilities!)).toEqual([0.5, 0.5, 0.875, 0.125]);
  });
  test('comparing on a file that spells the target otherwise matches its rows by value', () => {
    const test = parseCsv(`x,churned\n${Array.from({ length: 12 }, (_, i) => `${i},${i % 3 ? 'no' : 'yes'}`).join('\n')}\n`).table;
    const scorer = (name: string, shift: number) => ({ name, preprocess: { task: 'binary', target: 'churned', classes: ['No', 'Yes'] } as never,
      predict: (rows: Record<string, unknown>[]) => rows.map((r): RowPrediction => {
        const yes = Math.min(0.95, (Number(r.x) % 3 === 0 ? 0.6 : 0.3) + shift * (Number(r.x) / 12));
        return { label: yes >= 0.5 ? 'Yes' : 'No', probabilities: { No: 1 - yes, Yes: yes } };
      }) });
    const out = compareOnTable(test, 'churned', [scorer('a', 0.1), scorer('b', 0.3)]);
    expect(out.dropped).toEqual({ missingTarget: 0, unseenClass: 0, refused: 0 });
    expect(Array.from(out.input.yTrue)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 3 ? 0 : 1)));
  });
});
