import { describe, expect, test } from 'vitest';
import {
  DEPLOY_KEYS, GLOSSARY, GLOSSARY_MAPS, MODEL_OPTION_GLOSSARY, NUMERIC_STAT_KEYS, STAT_TEST_KEYS, glossaryEntry, isGlossaryKey,
} from '../../../../src/core/explain';
import { baselineMeta } from '../../../../src/core/models/baseline/meta';
import { linearMeta } from '../../../../src/core/models/linear/meta';
import { logisticMeta } from '../../../../src/core/models/logistic/meta';
import { mlpMeta } from '../../../../src/core/models/mlp/meta';

const entries = Object.entries(GLOSSARY);

describe('GLOSSARY', () => {
  test.each(entries)('%s has a term, a one-line short text and a paragraph', (_key, e) => {
    expect(e.term.trim()).not.toBe('');
    expect(e.short.trim().length).toBeGreaterThan(15);
    expect(e.short).not.toMatch(/\n/);
    expect(e.short).toMatch(/[.)]$/);
    expect(e.long.trim().length).toBeGreaterThan(15);
    expect(e.long).toMatch(/[.)]$/);
    if (e.formula !== undefined) expect(e.formula.trim()).not.toBe('');
  });

  test.each(entries.filter(([, e]) => e.seeAlso))('%s links only to existing other entries', (key, e) => {
    for (const other of e.seeAlso ?? []) {
      expect(isGlossaryKey(other), `${key} → ${other}`).toBe(true);
      expect(other).not.toBe(key);
    }
  });

  test('terms are distinct within an area prefix', () => {
    const seen = new Map<string, string>();
    for (const [key, e] of entries) {
      const id = `${key.split('.').length > 1 ? key.split('.')[0] : ''}:${e.term}`;
      expect(seen.get(id), `${key} repeats the term of ${seen.get(id)}`).toBeUndefined();
      seen.set(id, key);
    }
  });

  test('glossaryEntry finds known ids and rejects unknown ones', () => {
    expect(glossaryEntry('skewness')?.short).toBe('How lopsided the distribution is: 0 is symmetric, positive means a long tail of large values.');
    expect(glossaryEntry('toString')).toBeUndefined();
    expect(glossaryEntry('nope')).toBeUndefined();
  });
});

describe('key maps', () => {
  const mapEntries = Object.entries(GLOSSARY_MAPS).flatMap(([map, m]) => Object.entries(m).map(([field, key]) => [`${map}.${field}`, key] as const));

  test.each(mapEntries)('%s points at an entry', (_field, key) => {
    expect(isGlossaryKey(key)).toBe(true);
  });

  test.each([...STAT_TEST_KEYS, ...DEPLOY_KEYS])('%s has an entry', (key) => {
    expect(GLOSSARY[key]).toBeDefined();
  });

  test('every option of every model meta has an entry', () => {
    const names = [baselineMeta, linearMeta, logisticMeta, mlpMeta].flatMap((m) => m.options.map((o) => o.name));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(MODEL_OPTION_GLOSSARY[name], name).toBeDefined();
  });

  test('NUMERIC_STAT_KEYS lists the statistics in NumericStats order', () => {
    expect(NUMERIC_STAT_KEYS.slice(0, 4)).toEqual(['min', 'max', 'range', 'mean']);
    expect(NUMERIC_STAT_KEYS).toHaveLength(18);
  });
});
