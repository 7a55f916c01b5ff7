import { describe, expect, it } from 'vitest';
import { suggestModelName } from '../../../../src/core/deploy';

describe('suggestModelName', () => {
  it('joins the file name without its extension and the target', () => {
    expect(suggestModelName('penguins.json', 'Species')).toBe('penguins-species');
    expect(suggestModelName('seattle-weather.csv', 'weather')).toBe('seattle-weather');
    expect(suggestModelName('flights 2024.csv.gz', 'Arrival delay (min)')).toBe('flights-2024-arrival-delay-min');
  });

  it('keeps only the characters a registry and bundle name allow', () => {
    const name = suggestModelName('Données été — Zürich.parquet', 'Prix €');
    expect(name).toBe('donnees-ete-zurich-prix');
    expect(name).toMatch(/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/);
  });

  it('stays short and never ends on a separator', () => {
    const name = suggestModelName(`${'a'.repeat(63)}.csv`, 'target');
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).not.toMatch(/[-._]$/);
  });

  it('falls back to "model" when nothing usable is left', () => {
    expect(suggestModelName('.csv', null)).toBe('model');
    expect(suggestModelName('???.json', '!!')).toBe('model');
    expect(suggestModelName('sales.csv', null)).toBe('sales');
  });

  it('collapses runs of other characters into one dash', () => {
    expect(suggestModelName('Gradient--boosted  trees #1.csv', 'y')).toBe('gradient-boosted-trees-1-y');
  });
});
