import { describe, expect, test } from 'vitest';
import { importanceRows, permutationWords, rowLabel, rowWaterfall, scaleUnit, scaleWords, valueWords } from '../../../../src/core/explain';
import type { ModelExplanation } from '../../../../src/core/models/explainModel';
import type { RowContributions, TreeExplanation } from '../../../../src/core/models/trees/explainTrees';
import type { FittedRecipe } from '../../../../src/core/recipe';

const fitted: FittedRecipe = {
  version: 1,
  target: 'y',
  task: 'binary',
  classes: ['no', 'yes'],
  inputSchema: [{ name: 'age', type: 'float' }, { name: 'city', type: 'categorical' }, { name: 'pet', type: 'categorical' }],
  steps: [
    { kind: 'encode', method: 'ordinal', columns: [{ name: 'city', vocabulary: ['Lima', 'Oslo'], other: false }] },
    { kind: 'encode', method: 'onehot', columns: [{ name: 'pet', vocabulary: ['cat', 'dog'], other: false }] },
  ],
  featureNames: ['age', 'city', 'pet=cat', 'pet=dog'],
  embeddings: [],
  trainRows: 100,
};
const fmt = (n: number) => n.toLocaleString('en-US');

describe('model explanation view', () => {
  test('importanceRows joins shuffle drops with split gain summed over each column’s features, largest drop first', () => {
    const e: ModelExplanation = {
      permutation: [
        { name: 'pet', mean: 0.01, sd: 0.002, drops: [] },
        { name: 'age', mean: 0.2, sd: 0.01, drops: [] },
        { name: 'city', mean: 0.05, sd: 0.02, drops: [] },
      ],
      permutationRows: 40,
      trees: { gain: [{ feature: 'age', share: 0.5 }, { feature: 'pet=cat', share: 0.1 }, { feature: 'pet=dog', share: 0.15 }, { feature: 'city', share: 0.25 }] } as TreeExplanation,
    };
    const rows = importanceRows(e, fitted);
    expect(rows.map((r) => r.name)).toEqual(['age', 'city', 'pet']);
    expect(rows[2].gain).toBeCloseTo(0.25);
    expect(importanceRows({ ...e, trees: undefined } as ModelExplanation, fitted)[0].gain).toBeNull();
  });

  test('values read as categories, yes/no and numbers; missing codes say so', () => {
    expect(valueWords(fitted, 'city', 1, fmt)).toBe('Oslo');
    expect(valueWords(fitted, 'city', -1, fmt)).toBe('missing');
    expect(valueWords(fitted, 'city', NaN, fmt)).toBe('missing');
    expect(valueWords(fitted, 'pet=dog', 1, fmt)).toBe('yes');
    expect(valueWords(fitted, 'age', 1234.5, fmt)).toBe('1,234.5');
    expect(valueWords(fitted, 'age', NaN, fmt)).toBe('missing');
    expect(valueWords(fitted, 'Date_year', 2014, fmt)).toBe('2014');
  });

  test('a boolean column’s 0 and 1 read as its file’s words (true/false by default)', () => {
    const flags = { ...fitted, inputSchema: [...fitted.inputSchema, { name: 'member', type: 'boolean' as const, format: 'N/Y' }, { name: 'alone', type: 'boolean' as const }], featureNames: [...fitted.featureNames, 'member', 'alone'] };
    expect(valueWords(flags, 'member', 1, fmt)).toBe('Y');
    expect(valueWords(flags, 'member', 0, fmt)).toBe('N');
    expect(valueWords(flags, 'alone', 1, fmt)).toBe('true');
    expect(valueWords(flags, 'member', NaN, fmt)).toBe('missing');
  });

  test('a date part’s sine or cosine reads to 4 decimals, so rounding noise reads 0; other features keep their digits', () => {
    const dated: FittedRecipe = { ...fitted, steps: [...fitted.steps, { kind: 'datetime', parts: ['month', 'year'], cyclic: true, columns: ['date'] }] };
    expect(valueWords(dated, 'date_month_cos', Math.cos((2 * Math.PI * 3) / 12), fmt)).toBe('0');
    expect(valueWords(dated, 'date_month_cos', -1.837e-16, fmt)).toBe('0');
    expect(valueWords(dated, 'date_month_sin', -0.43388373911755823, fmt)).toBe(fmt(-0.4339));
    expect(valueWords(dated, 'date_month_sin', NaN, fmt)).toBe('missing');
    expect(valueWords(dated, 'date_year', 2014, fmt)).toBe('2014');
    expect(valueWords(dated, 'age', 1.837e-16, fmt)).toBe(fmt(1.837e-16));
    // Without cyclic parts, a feature named like a wave is an ordinary number.
    expect(valueWords(fitted, 'date_month_cos', 1.837e-16, fmt)).toBe(fmt(1.837e-16));
  });

  test('words for scales, metrics and rows carry no identifiers', () => {
    expect(scaleWords('log-odds', 'yes')).toBe('log-odds of “yes”');
    expect(scaleWords('log-odds (softmax score)', 'Adelie')).toBe('score of “Adelie” (log-odds, before softmax)');
    expect(scaleWords('target units', 'price')).toBe('predicted price');
    expect(scaleUnit('log-odds (softmax score)', 'y', 3)).toBe('log-odds, summed over classes');
    expect(permutationWords('binary')).toBe('drop in ROC AUC');
    expect(rowLabel({ row: 1203, reason: 'largest error' } as RowContributions, fmt)).toBe('Row 1,204 — largest error');
  });

  test('rowWaterfall starts at the expected score, adds each contribution, sums the rest and ends at the row’s score', () => {
    const contributions = Array.from({ length: 12 }, (_, j) => ({ feature: j === 0 ? 'city' : 'age', value: j === 0 ? 0 : 30, contribution: j % 2 ? -0.1 : 0.3 }));
    const row: RowContributions = { row: 5, output: 'yes', score: 0.5 + contributions.reduce((s, c) => s + c.contribution, 0), reason: 'sample', error: 0.2, contributions };
    const e = { scale: 'log-odds', expected: [0.5] } as TreeExplanation;
    const w = rowWaterfall(row, e, fitted, fmt, 10);
    expect(w.start).toBeCloseTo(0.5);
    expect(w.bars).toHaveLength(10);
    expect(w.bars[0]).toMatchObject({ label: 'city', value: 'Lima' });
    expect(w.bars[9].label).toBe('3 other features');
    expect(w.bars[9].to).toBeCloseTo(w.end);
    expect(w.probability).toBeCloseTo(1 / (1 + Math.exp(-w.end)));
    expect(w.domain[0]).toBeLessThanOrEqual(Math.min(w.start, ...w.bars.map((b) => b.to)));
    expect(w.ticks[0]).toBe(w.domain[0]);
  });

});
