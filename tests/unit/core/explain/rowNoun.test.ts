import { describe, expect, test } from 'vitest';
import { num, pct, rowNoun, singular } from '../../../../src/core/explain';
import { formatP } from '../../../../src/core/format';

describe('rowNoun', () => {
  test.each([
    ['penguins.json', 'penguin', 'penguins'],
    ['cars.json', 'car', 'cars'],
    ['movies.json', 'movie', 'movies'],
    ['wine-reviews.csv', 'review', 'reviews'],
    ['data/countries.parquet', 'country', 'countries'],
    ['breast-cancer.csv', 'row', 'rows'],
    ['seattle-weather.csv', 'row', 'rows'],
    ['iris.csv', 'row', 'rows'],
    ['census.csv', 'row', 'rows'],
    ['glass.csv', 'row', 'rows'],
    ['Passengers 2024.csv', 'row', 'rows'],
    ['', 'row', 'rows'],
  ])('%s → %s / %s', (name, one, many) => {
    expect(rowNoun(name)).toEqual({ one, many });
  });

  test.each([['boxes', 'box'], ['matches', 'match'], ['species', 'species'], ['houses', 'house'], ['cookies', 'cookie']])('singular(%s) = %s', (w, s) => {
    expect(singular(w)).toBe(s);
  });
});

describe('number formatting', () => {
  test.each([[3.14159, '3.14'], [12345.6, '12,346'], [-0.5, '−0.5'], [0.000123, '0.000123'], [Infinity, '∞'], [NaN, 'not defined']])('num(%d) = %s', (x, s) => {
    expect(num(x)).toBe(s);
  });
  test.each([[0.944, '94 %'], [1, '100 %'], [0, '0 %'], [0.996, '99.6 %'], [0.0004, '0.04 %'], [-0.05, '−5 %']])('pct(%d) = %s', (x, s) => {
    expect(pct(x)).toBe(s);
  });
  test('formatP', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.0312)).toBe('p = 0.031');
  });
});
