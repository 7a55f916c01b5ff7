import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { summariseTexts } from '../../../../src/core/text';
import { profileTable, type Report } from '../../../../src/core/profile';
import { readTable, memorySource } from '../../../../src/core/table';

describe('summariseTexts', () => {
  const texts = [
    'The cat sat on the mat.',
    'THE CAT SAT ON THE MAT!!',
    'Write to jane.doe@example.com or call 555-010-1234 today',
    '   ',
    'Le chat est assis sur le tapis et il regarde la rue depuis la fenêtre',
    'Кошка сидит на ковре',
  ];
  const counts = [3, 1, 1, 2, 1, 1];
  const s = summariseTexts(texts, counts);

  test('counts words per text, weighted by repeats', () => {
    expect(s.words.min).toBe(0);
    expect(s.words.max).toBe(15);
    // 6 words × 4 rows, 12 (the address and number split into words), 0 × 2, 15, 4 → 55 words over 9 rows
    expect(s.totalWords).toBe(6 * 4 + 12 + 15 + 4);
    expect(s.words.mean).toBeCloseTo(55 / 9, 12);
    expect(s.words.median).toBe(6);
  });

  test('keeps stop words apart and builds sequences without them', () => {
    expect(s.topStopWords[0]).toEqual({ term: 'the', count: 8 });
    expect(s.topWords.map((w) => w.term)).not.toContain('the');
    expect(s.topWords[0]).toEqual({ term: 'cat', count: 4 });
    expect(s.topBigrams[0]).toEqual({ term: 'cat sat', count: 4 });
    expect(s.topTrigrams[0]).toEqual({ term: 'cat sat mat', count: 4 });
  });

  test('finds repeats, near-duplicates, empty texts and personal data', () => {
    expect(s.duplicates).toBe(2 + 1);
    expect(s.nearDuplicates).toBe(1);
    expect(s.empty).toBe(2);
    expect(s.pii).toEqual({ email: 1, phone: 1 });
  });

  test('detects languages and scripts; short texts are undetermined', () => {
    const byCode = Object.fromEntries(s.languages.map((l) => [l.code, l.share]));
    expect(byCode.und).toBeCloseTo(2 / 9, 12);
    expect(byCode.eng).toBeCloseTo(5 / 9, 12);
    expect(byCode.fra).toBeCloseTo(1 / 9, 12);
    expect(s.languages.find((l) => l.code === 'fra')?.name).toBe('French');
    expect(s.scripts.map((x) => x.label)).toEqual(['Latin', 'Cyrillic']);
    expect(s.characters.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 12);
  });
});

describe('text columns in a profile', () => {
  const csv = readFileSync('tests/fixtures/text/reviews.csv');
  const load = async (bytes: Uint8Array) => (await readTable(memorySource(bytes, 'reviews.csv'))).table;

  test('the review column reads as text and gets a summary and alerts', async () => {
    const table = await load(csv);
    expect(table.columns.map((c) => c.type)).toEqual(['text', 'categorical', 'categorical']);
    const report: Report = profileTable(table, { target: 'label' });
    const review = report.columns[0];
    expect(review.text?.summary?.topWords.map((w) => w.term)).toContain('kitchen');
    expect(review.text?.summary?.languages.map((l) => l.code)).toEqual(['eng', 'fra']);
    expect(report.alerts.map((a) => a.type)).toEqual(expect.arrayContaining(['personal_data', 'near_duplicates']));
  });

  test('the user overrides the kind both ways: text read as categories, categories read as text', async () => {
    const { table } = await readTable(memorySource(csv, 'reviews.csv'), { typeOverrides: { review: 'categorical', channel: 'text' } });
    expect(table.columns.map((c) => [c.type, c.inferredType])).toEqual([['categorical', 'text'], ['text', 'categorical'], ['categorical', 'categorical']]);
    const report = profileTable(table);
    expect(report.columns[0].text).toBeUndefined();
    expect(report.columns[1].text?.summary?.vocabulary).toBe(3);
  });

  test('a table of one text column profiles whole', async () => {
    const only = csv.toString('utf8').split('\n').map((line) => (line.startsWith('"') ? line.slice(0, line.indexOf('",') + 1) : line.split(',')[0])).join('\n');
    const table = await load(new TextEncoder().encode(only));
    expect(table.columns.map((c) => c.type)).toEqual(['text']);
    const report = profileTable(table);
    expect(report.columns[0].text?.summary?.vocabulary).toBeGreaterThan(50);
    expect(report.correlations.sampledRows).toBeGreaterThanOrEqual(0);
  });
});
