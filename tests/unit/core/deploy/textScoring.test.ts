/** A recipe with a text step: scorer.mjs tokenises as training did; ONNX and SQL say they do not cover it. */
import { readFileSync } from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import { strFromU8 } from 'fflate';
import { disposeModel, predict } from '../../../../src/core/models';
import { buildBundle } from '../../../../src/core/deploy';
import { transformRecipe, type Recipe } from '../../../../src/core/recipe';
import { memorySource, readTable } from '../../../../src/core/table';
import { importScorer, rowsOf, trainTiny, type Tiny } from './trainTiny';

const trained: Tiny[] = [];
afterAll(() => trained.forEach((t) => disposeModel(t.result.model)));

const reviews = async () => (await readTable(memorySource(readFileSync('tests/fixtures/text/reviews.csv'), 'reviews.csv'))).table;

for (const [name, edit] of [
  ['TF-IDF words and pairs without stop words', (r: Recipe): Recipe => ({ ...r, steps: r.steps.map((s) => (s.kind === 'text' ? { ...s, ngrams: [1, 2], stopWords: true } : s)) })],
  ['feature hashing with character n-grams', (r: Recipe): Recipe => ({ ...r, steps: r.steps.map((s) => (s.kind === 'text' ? { ...s, method: 'hashing', maxFeatures: 64, charNgrams: [3, 4] } : s)) })],
] as const) {
  test(`scorer.mjs agrees with the studio on every row: ${name}`, async () => {
    const table = await reviews();
    const tiny = await trainTiny(table, 'label', { kind: 'logistic', seed: 3, options: { epochs: 5 } }, edit);
    trained.push(tiny);
    const { fitted } = tiny.result;
    expect(fitted.steps.some((s) => s.kind === 'text')).toBe(true);
    const bundle = buildBundle({ name: 'reviews', version: 1, fitted, model: { kind: 'tf', modelKind: 'logistic', files: tiny.files! }, createdAt: '2026-01-02T03:04:05.000Z' });
    expect(bundle.files['model.onnx']).toBeUndefined();
    expect(bundle.files['sql/bigquery-onnx.sql']).toBeUndefined();
    const card = strFromU8(bundle.files['README.md']);
    expect(card).toContain('The ONNX path does not cover the text step');
    expect(card).toMatch(/no model\.sql: The text step \(step \d\) splits 'review' into words/);
    const x = transformRecipe(fitted, table);
    const ref = predict(tiny.result.model, x.X, x.n);
    const scorer = await importScorer(strFromU8(bundle.files['scorer.mjs']));
    const scored = scorer.predict(rowsOf(table));
    let worst = 0;
    for (let i = 0; i < x.n; i++) {
      const s = scored[x.rows[i]];
      if (!('probabilities' in s)) throw new Error(`row ${x.rows[i]} not scored: ${JSON.stringify(s)}`);
      fitted.classes!.forEach((c, j) => (worst = Math.max(worst, Math.abs(s.probabilities[c] - ref[i * 2 + j]))));
    }
    expect(worst).toBeLessThan(1e-5);
    // A missing text scores as an empty one, not an error.
    expect(scorer.predictOne({ review: null, channel: 'web' })).toHaveProperty('label');
  });
}
