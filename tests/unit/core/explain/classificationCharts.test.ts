import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { classificationCharts } from '../../../../src/core/explain';
import { evaluateClassification } from '../../../../src/core/evaluate';

const SAMPLES = join(__dirname, '../../../../public/samples');

/** Probabilities that favour the true class on most rows and a wrong one on every fifth. */
function scores(labels: number[], k: number): Float64Array {
  const proba = new Float64Array(labels.length * k).fill(0.2 / (k - 1));
  labels.forEach((y, i) => (proba[i * k + (i % 5 === 0 ? (y + 1) % k : y)] = 0.8));
  return proba;
}

describe('classificationCharts', () => {
  test('penguins species (multiclass): only the one-vs-rest ROC and precision–recall curves are listed', () => {
    const rows = JSON.parse(readFileSync(join(SAMPLES, 'penguins.json'), 'utf8')) as { Species: string }[];
    const classes = [...new Set(rows.map((r) => r.Species))].sort();
    expect(classes).toHaveLength(3);
    const labels = rows.map((r) => classes.indexOf(r.Species));
    const report = evaluateClassification(labels, scores(labels, 3), classes);
    expect(classificationCharts(report).map((c) => c.label)).toEqual(['ROC', 'precision–recall']);
  });

  test('a binary report lists calibration, gains and lift too, each with its glossary entry', () => {
    const labels = Array.from({ length: 60 }, (_, i) => i % 2);
    const report = evaluateClassification(labels, scores(labels, 2), ['no', 'yes']);
    expect(classificationCharts(report)).toEqual([
      { label: 'ROC', term: 'chart.roc' },
      { label: 'precision–recall', term: 'chart.pr' },
      { label: 'calibration', term: 'chart.calibration' },
      { label: 'gains', term: 'chart.gains' },
      { label: 'lift', term: 'lift' },
    ]);
  });
});
