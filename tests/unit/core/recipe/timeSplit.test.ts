import { describe, expect, test } from 'vitest';
import { recipeService, suggestTimeSplit } from '../../../../src/core/recipe';
import { tableOf } from './tableOf';

const day = (i: number) => new Date(Date.UTC(2022, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const rows = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('suggestTimeSplit', () => {
  test('a table with a timeline is offered a split on its latest rows, with the dates it runs between', () => {
    const t = tableOf({ date: rows(120).map((i) => day(i >> 1)), store: rows(120).map((i) => (i % 2 ? 'A' : 'B')), sales: rows(120).map((i) => 100 + i) }, { date: 'datetime' });
    expect(suggestTimeSplit(t, 'sales')).toEqual({
      column: 'date',
      reason: '"date" runs from 2022-01-01 to 2022-03-01. If the model will predict rows later than the ones it learns from, test it on the latest rows: a random split tests it on times between its training times, and scores it better than it will do.',
    });
  });

  test('fewer than 30 distinct times, no datetime column, or the datetime as the target: no offer; the most distinct timeline wins', () => {
    const few = tableOf({ month: rows(100).map((i) => day((i % 12) * 30)), y: rows(100) }, { month: 'datetime' });
    expect(suggestTimeSplit(few, 'y')).toBeNull();
    expect(suggestTimeSplit(tableOf({ x: rows(100), y: rows(100) }), 'y')).toBeNull();
    const two = tableOf({ opened: rows(100).map((i) => day(i % 40)), closed: rows(100).map((i) => day(i)), y: rows(100) }, { opened: 'datetime', closed: 'datetime' });
    expect(suggestTimeSplit(two, 'y')?.column).toBe('closed');
    expect(suggestTimeSplit(two, 'closed')?.column).toBe('opened');
  });

  test('the recipe worker offers it beside the proposal, except for panel data, which gets the group offer', () => {
    const service = recipeService();
    service.setTable(tableOf({ date: rows(60).map(day), y: rows(60) }, { date: 'datetime' }));
    expect(service.propose('y')).toMatchObject({ groupSuggestion: null, timeSuggestion: { column: 'date' } });
    // 10 stores × 40 days: each store's days are its own, so the group offer comes first.
    service.setTable(tableOf({ store: rows(400).map((i) => `S${i % 10}`), date: rows(400).map((i) => day(Math.floor(i / 10))), y: rows(400) }, { date: 'datetime' }));
    expect(service.propose('y')).toMatchObject({ groupSuggestion: { column: 'store' }, timeSuggestion: null });
  });
});
