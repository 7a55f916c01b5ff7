/** Group split and group k-fold: no group on both sides, sizes near the request, repeatable by seed. */
import { describe, expect, test } from 'vitest';
import { describeSplit, foldGroups, kFolds, parseRecipe, splitRows, suggestGroupColumn } from '../../../../src/core/recipe';
import { penguins, tableOf } from './tableOf';

/** Gapminder-like panel: 142 countries × 12 years, with a continent per country (uneven group sizes via a few short series). */
function gapminder() {
  const continents = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];
  const country: string[] = [];
  const continent: string[] = [];
  const year: number[] = [];
  const lifeExp: number[] = [];
  const pop: number[] = [];
  for (let c = 0; c < 142; c++) {
    const years = c % 10 === 0 ? 6 : 12;
    for (let y = 0; y < years; y++) {
      country.push(`Country ${c}`);
      continent.push(continents[c % 5]);
      year.push(1952 + 5 * y);
      lifeExp.push(40 + (c % 30) + y * 1.5 + (c % 7) / 10);
      pop.push(1_000_000 + c * 7919 + y * 104_729);
    }
  }
  return tableOf({ country, continent, year, lifeExp, pop });
}

const table = gapminder();
const spec = { method: 'group' as const, testFraction: 0.2, seed: 7, groupColumn: 'country' };
const countryOf = (i: number) => (table.columns[0] as { codes: Int32Array }).codes[i];

describe('group split', () => {
  test('keeps every country on one side, near the requested share, and counts the groups', () => {
    const s = splitRows(table, 'lifeExp', spec);
    const trainGroups = new Set(Array.from(s.train, countryOf));
    const testGroups = new Set(Array.from(s.test, countryOf));
    expect([...testGroups].filter((g) => trainGroups.has(g))).toEqual([]);
    expect(s.train.length + s.test.length).toBe(table.rowCount);
    // Whole groups of at most 12 rows: the test share lands within one group of 20 %.
    expect(Math.abs(s.test.length - 0.2 * table.rowCount)).toBeLessThanOrEqual(12);
    expect(s.groups).toEqual({ column: 'country', train: trainGroups.size, test: testGroups.size });
    expect(trainGroups.size + testGroups.size).toBe(142);
    expect(describeSplit(s)).toBe(`${s.train.length.toLocaleString('en-US')} rows for training, ${s.test.length} for testing (20 %); ${trainGroups.size} country values in training and ${testGroups.size} in testing, none on both sides.`);
  });

  test('is reproducible bit for bit with the seed and changes with it', () => {
    const a = splitRows(table, 'lifeExp', spec);
    expect(splitRows(table, 'lifeExp', { ...spec })).toEqual(a);
    expect(splitRows(table, 'lifeExp', { ...spec, seed: 8 }).test).not.toEqual(a.test);
  });

  test('a missing group value is a group of its own; too few groups or a wrong column is a clear error', () => {
    const t = tableOf({ g: ['a', 'a', null, null, 'b', 'b', 'c', 'c', 'd', 'd'], y: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    const s = splitRows(t, 'y', { method: 'group', testFraction: 0.2, seed: 1, groupColumn: 'g' });
    expect(s.test.length).toBe(2);
    expect(Math.floor(s.test[0] / 2)).toBe(Math.floor(s.test[1] / 2));
    const one = tableOf({ g: ['a', 'a', 'a'], y: [1, 2, 3] });
    expect(() => splitRows(one, 'y', { method: 'group', testFraction: 0.2, seed: 1, groupColumn: 'g' })).toThrow(/needs at least 2 values in 'g'; it has 1/);
    expect(() => splitRows(table, 'lifeExp', { ...spec, groupColumn: 'nation' })).toThrow(/The group split names column 'nation'/);
  });

  test('a recipe file needs the group column for a group split', () => {
    const recipe = { version: 1, target: 'lifeExp', task: 'regression', steps: [], split: { method: 'group', testFraction: 0.2, seed: 1 } };
    expect(() => parseRecipe(recipe)).toThrow(/needs "groupColumn"/);
    expect(parseRecipe({ ...recipe, split: { ...recipe.split, groupColumn: 'country' } }).split.groupColumn).toBe('country');
  });
});

describe('group k-fold', () => {
  test('every country is tested in exactly one fold and fold sizes stay close', () => {
    const { train } = splitRows(table, 'lifeExp', spec);
    const groups = foldGroups(table, spec, train)!;
    const folds = kFolds(train, 5, spec.seed, undefined, groups);
    const testedIn = new Map<number, number>();
    folds.forEach((f, k) => {
      for (const i of f.test) {
        const g = countryOf(i);
        expect(testedIn.get(g) ?? k).toBe(k);
        testedIn.set(g, k);
      }
      const inTest = new Set(Array.from(f.test, countryOf));
      expect(Array.from(f.train, countryOf).some((g) => inTest.has(g))).toBe(false);
      expect(Math.abs(f.test.length - train.length / 5)).toBeLessThanOrEqual(12);
    });
    expect(folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b)).toEqual(Array.from(train));
    expect(kFolds(train, 5, spec.seed, undefined, groups)).toEqual(folds);
    expect(() => kFolds(Int32Array.from([0, 1, 2, 3]), 3, 1, undefined, ['a', 'a', 'b', 'b'])).toThrow(/needs at least 3 groups for 3 folds; the training rows have 2/);
  });

  test('other split methods give no fold groups', () => {
    expect(foldGroups(table, { method: 'random', testFraction: 0.2, seed: 1 }, [0, 1])).toBeUndefined();
  });
});

describe('suggestGroupColumn', () => {
  test('picks country (with year) on a gapminder-like table, not continent', () => {
    const s = suggestGroupColumn(table, 'lifeExp');
    expect(s).toEqual({
      column: 'country',
      timeColumn: 'year',
      groups: 142,
      reason: 'Each of the 142 country values has about 11 rows, one per year: a random split would test on a country whose other rows the model trained on.',
    });
  });

  test('finds nothing without repeats or without a time-like column', () => {
    const unique = tableOf({ name: Array.from({ length: 60 }, (_, i) => `n${i}`), year: Array.from({ length: 60 }, (_, i) => 2000 + (i % 12)), y: Array.from({ length: 60 }, (_, i) => i) });
    expect(suggestGroupColumn(unique, 'y')).toBeNull();
    expect(suggestGroupColumn(penguins(), 'species')).toBeNull();
    const { columns } = table;
    expect(suggestGroupColumn({ ...table, columns: columns.filter((c) => c.name !== 'year') }, 'lifeExp')).toBeNull();
  });

  test('a category over timestamps that never repeat (taxi rides by zone) is not a panel; an ID column over its own dates is', () => {
    const n = 600;
    const stamp = (i: number) => new Date(Date.UTC(2019, 2, 1) + i * 97_000).toISOString();
    const rides = tableOf({ zone: Array.from({ length: n }, (_, i) => `Zone ${i % 20}`), pickup: Array.from({ length: n }, (_, i) => stamp(i)), tip: Array.from({ length: n }, (_, i) => i % 7) }, { pickup: 'datetime' });
    expect(suggestGroupColumn(rides, 'tip')).toBeNull();
    const visits = tableOf({ patient_id: Array.from({ length: n }, (_, i) => `P${i % 40}`), visit: Array.from({ length: n }, (_, i) => stamp(i)), dose: Array.from({ length: n }, (_, i) => i % 5) }, { visit: 'datetime' });
    expect(suggestGroupColumn(visits, 'dose')).toMatchObject({ column: 'patient_id', timeColumn: 'visit', groups: 40 });
  });

  test('an ID column that repeats is a group even with no time column (30 people × 3 visits); a repeated code or category is not', () => {
    const n = 90;
    const people = tableOf({ id: Array.from({ length: n }, (_, i) => 1 + Math.floor(i / 3)), diet: Array.from({ length: n }, (_, i) => (i % 2 ? 'low fat' : 'no fat')), pulse: Array.from({ length: n }, (_, i) => 80 + (i % 17)) });
    expect(suggestGroupColumn(people, 'pulse')).toEqual({ column: 'id', groups: 30, reason: 'Each of the 30 id values has about 3 rows: a random split would test on an id whose other rows the model trained on.' });
    const byName = (name: string) => tableOf({ [name]: Array.from({ length: n }, (_, i) => `K${i % 12}`), y: Array.from({ length: n }, (_, i) => i % 4) });
    expect(suggestGroupColumn(byName('PatientID'), 'y')?.column).toBe('PatientID');
    for (const name of ['country_code', 'paid', 'city']) expect(suggestGroupColumn(byName(name), 'y')).toBeNull();
  });
});
