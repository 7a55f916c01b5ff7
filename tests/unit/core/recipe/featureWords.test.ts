import { describe, expect, test } from 'vitest';
import { featureWords, forTrees, type FittedRecipe, type Recipe } from '../../../../src/core/recipe';

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

  test("a recipe as written (Prepare's) uses the step's defaults: every part, cyclic", () => {
    const recipe: Recipe = {
      version: 1, target: 'y', task: 'regression', split: { method: 'random', testFraction: 0.2, seed: 1 },
      steps: [{ kind: 'datetime', columns: ['Release Date'] }, { kind: 'scale', method: 'standard', columns: ['Release Date_year', 'Release Date_month_sin', 'budget'] }],
    };
    const words = featureWords(recipe);
    expect(words('Release Date_day')).toBe('Release Date: day');
    expect(words('Release Date_month_sin')).toBe('Release Date: month (sine)');
    expect(forTrees(recipe).changes).toEqual(['Skips scaling of “Release Date: year”, “Release Date: month (sine)”, “budget”: trees split on order, not size.']);
  });
});
