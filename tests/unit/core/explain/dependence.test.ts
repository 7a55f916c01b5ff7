import { describe, expect, test } from 'vitest';
import { modelCard } from '../../../../src/core/deploy';
import { dependenceShape, dependenceSvg, dependenceWords, explanationJson, explanationSummary } from '../../../../src/core/explain';
import type { DependenceCurve } from '../../../../src/core/models/explain/types';
import type { ModelExplanation } from '../../../../src/core/models/explainModel';
import type { FittedRecipe } from '../../../../src/core/recipe';

const rising: DependenceCurve = { column: 'income', kind: 'numeric', title: 'income', x: [1000, 2500, 9000], labels: [], pd: [0.12, 0.3, 0.56], ice: [[0.1, 0.2, 0.5], [0.2, 0.4, 0.6]], rows: 500 };
const colour: DependenceCurve = { column: 'colour <b>', kind: 'category', title: 'colour <b>', x: [0, 1, 2], labels: ['red', 'blue', 'green'], pd: [5, 0, -3], ice: [[5.1, 0.1, -2.9]], rows: 80 };

describe('dependenceWords and dependenceShape', () => {
  test.each<[string, DependenceCurve, string, string]>([
    ['rising', rising, 'rises', 'The probability of “yes” rises from 0.12 to 0.56 as income goes from 1,000 to 9,000.'],
    ['falling', { ...rising, pd: [0.5, 0.3, 0.1] }, 'falls', 'The probability of “yes” falls from 0.5 to 0.1 as income goes from 1,000 to 9,000.'],
    ['mixed', { ...rising, pd: [0.1, 0.5, 0.2] }, 'mixed', 'The probability of “yes” moves between 0.1 and 0.5 as income goes from 1,000 to 9,000, highest at 2,500.'],
    ['flat', { ...rising, pd: [0.5, 0.501, 0.5] }, 'flat', 'The probability of “yes” barely changes with income (about 0.5).'],
    ['categorical', colour, 'by category', 'The probability of “yes” is highest for colour <b> “red” (5) and lowest for “green” (−3).'],
  ])('%s', (_, curve, shape, words) => {
    expect(dependenceShape(curve)).toBe(shape);
    expect(dependenceWords(curve, 'probability of “yes”')).toBe(words);
  });
});

describe('dependenceSvg', () => {
  test('a numeric curve: faint ICE paths under a bold PD path, round ticks, labelled axes', () => {
    const svg = dependenceSvg(rising, { output: 'probability of “yes”' });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="The probability of “yes” rises from 0\.12 to 0\.56/);
    expect(svg.match(/<path class="ice" d="(M[^"]*)"/)![1].match(/M/g)).toHaveLength(2);
    expect(svg).toMatch(/<path class="pd" d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+L[\d.]+ [\d.]+"/);
    // Round ticks on both axes: 0, 0.2 … 0.6 and 0, 2,000 … 10,000.
    for (const t of ['0.2', '0.6', '2,000', '10,000']) expect(svg).toContain(`>${t}</text>`);
    expect(svg).toContain('>income</text>');
  });

  test('a categorical curve: one bold mark per category, names escaped, tilted when many', () => {
    const svg = dependenceSvg(colour, { output: 'predicted y' });
    expect(svg.match(/<line x1[^>]*stroke-width:2\.5/g)).toHaveLength(3);
    expect(svg).toContain('colour &lt;b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('rotate(-35)');
    const many = { ...colour, labels: ['a', 'b', 'c', 'd', 'e', 'f'], x: [0, 1, 2, 3, 4, 5], pd: [1, 2, 3, 4, 5, 6], ice: [] };
    expect(dependenceSvg(many, { output: 'predicted y' })).toContain('rotate(-35)');
  });
});

describe('explanationSummary in run.json and the model card', () => {
  const e: ModelExplanation = {
    permutation: [
      { name: 'income', mean: 0.123456, sd: 0.01, drops: [0.12, 0.13] },
      { name: 'colour <b>', mean: 0.05, sd: 0.002, drops: [0.05, 0.05] },
    ],
    permutationRows: 1234,
    dependence: { output: 'probability of “yes”', curves: [rising, colour], skipped: [] },
    contributions: { scale: 'log-odds', method: 'coefficients', reference: 'the mean inputs of 1,234 test rows', rows: [{ row: 3, output: 'yes', score: 0.123456789, reason: 'sample', error: NaN, contributions: [{ feature: 'income', value: NaN, contribution: 1 / 3 }] }] },
  };
  const fitted: FittedRecipe = { version: 1, target: 'y', task: 'binary', classes: ['no', 'yes'], inputSchema: [], steps: [], featureNames: [], embeddings: [], trainRows: 100 };

  test('the summary ranks columns and states each top column’s effect', () => {
    const s = explanationSummary(e, 'binary');
    expect(s).toMatchObject({ measure: 'drop in ROC AUC', rows: 1234, contributions: expect.stringMatching(/^exact contributions/) });
    expect(s.importance[0]).toEqual({ column: 'income', drop: 0.1235, sd: 0.01 });
    expect(s.effects.map((f) => f.shape)).toEqual(['rises', 'by category']);
  });

  test('the JSON copy is rounded and has no NaN', () => {
    const json = explanationJson(e) as ModelExplanation;
    expect(json.contributions!.rows[0].score).toBe(0.1235);
    expect(json.contributions!.rows[0].error).toBeNull();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test('the card has a section with the importance table and the effects, escaped', () => {
    const card = modelCard(fitted, { name: 'm', version: 1, kind: 'logistic', createdAt: '2026-01-01', hasTfjs: true, explanation: explanationSummary(e, 'binary') });
    const section = card.slice(card.indexOf('## What drives the predictions'), card.indexOf('## Latency'));
    expect(section).toContain('Permutation importance on 1,234 held-out rows');
    expect(section).toContain('| income | 0.123 ± 0.010 |');
    // Sentences are Markdown-escaped like every other user-derived text in the card.
    expect(section).toContain('- **income** (rises): The probability of “yes” rises from 0.12 to 0.56');
    expect(section).toContain('| colour &lt;b> | 0.0500 ± 0.0020 |');
    expect(modelCard(fitted, { name: 'm', version: 1, kind: 'baseline', createdAt: '2026-01-01', hasTfjs: false, explanation: { ...explanationSummary({ ...e, constant: true }, 'binary') } })).toContain('This is a baseline: it predicts the same for every row');
  });
});
