import { describe, expect, test } from 'vitest';
import { featureWords, type FittedRecipe } from '../../../../src/core/recipe';

const fitted = (steps: FittedRecipe['steps'], featureNames: string[]): FittedRecipe => ({
  version: 1, target: 'y', task: 'regression', inputSchema: [], steps, featureNames, embeddings: [], trainRows: 10,
});

describe('featureWords', () => {
  test("a datetime step's parts read as the column and the part; cyclic ones name the wave", () => {
    const words = featureWords(fitted([{ kind: 'datetime', columns: ['Year', 'pickup_time'], parts: ['year', 'weekday', 'hour'], cyclic: true }], []));
    expect(words('Year_year')).toBe('Year: year');
    expect(words('Year_weekday_cos')).toBe('Year: weekday (cosine)');
    expect(words('pickup_time_hour_sin')).toBe('pickup_time: hour (sine)');
  });

  test('without cycles a part is one feature; every other feature keeps its name', () => {
    const words = featureWords(fitted([{ kind: 'datetime', columns: ['date'], parts: ['month'], cyclic: false }], []));
    expect(words('date_month')).toBe('date: month');
    // A column that merely ends like a part is not renamed.
    expect(words('model_year')).toBe('model_year');
    expect(words('origin=JFK')).toBe('origin=JFK');
  });
});
