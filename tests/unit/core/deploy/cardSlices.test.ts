import { describe, expect, test } from 'vitest';
import { modelCard } from '../../../../src/core/deploy';
import { sliceMetrics } from '../../../../src/core/evaluate';
import { metricInSentence, sliceJson } from '../../../../src/core/explain';
import type { FittedRecipe } from '../../../../src/core/recipe';
import type { Table } from '../../../../src/core/table';

const hostile = 'shop | *x*';
const fitted: FittedRecipe = { version: 1, target: 'sales', task: 'regression', inputSchema: [{ name: hostile, type: 'categorical' }], steps: [], featureNames: [], embeddings: [], trainRows: 100 };

/** 140 rows: shop "b" is predicted 5 off, "a" 1 off, "c" (10 rows) 20 off; overall RMSE √(5,690 / 140) ≈ 6.375. */
function report() {
  const shop = Array.from({ length: 140 }, (_, i) => (i < 10 ? 2 : i % 2));
  const table: Table = { name: 't', rowCount: 140, columns: [{ name: hostile, type: 'categorical', inferredType: 'categorical', dictionary: ['a', 'b', 'c'], codes: Int32Array.from(shop) }] };
  const y = new Float32Array(140);
  const pred = Float32Array.from(shop, (s) => [1, 5, 20][s]);
  return sliceJson(sliceMetrics(table, Int32Array.from({ length: 140 }, (_, i) => i), [hostile], { task: 'regression', y, output: pred, classes: 1 }));
}

describe('model card: weakest slices', () => {
  test('lists the slices weakest first, marks the small one and escapes column names', () => {
    const card = modelCard(fitted, { name: 'm', version: 1, kind: 'linear', createdAt: '2026-01-01', hasTfjs: true, slices: report() });
    const section = card.slice(card.indexOf('## Weakest slices'), card.indexOf('## Latency'));
    expect(section).toContain('| Column | Slice | Rows | RMSE | MAE | Against overall |');
    const rows = section.split('\n').filter((l) => l.startsWith('| shop'));
    expect(rows).toEqual([
      '| shop \\| \\*x\\* | b | 65 | 5 | 5 | 1.38 better |',
      '| shop \\| \\*x\\* | a | 65 | 1 | 1 | 5.38 better |',
      '| shop \\| \\*x\\* | c | 10 (too few to trust) | 20 | 20 | 13.6 worse |',
    ]);
    expect(section).toContain('slices under 30 rows come last');
  });

  test('a card without slices has no such section', () => {
    expect(modelCard(fitted, { name: 'm', version: 1, kind: 'linear', createdAt: '2026-01-01', hasTfjs: true })).not.toContain('Weakest slices');
  });

  test('metric names read as words inside a sentence', () => {
    expect(['logLoss', 'accuracy', 'rocAuc', 'mae', 'r2'].map(metricInSentence)).toEqual(['log loss', 'accuracy', 'ROC AUC', 'MAE', 'R²']);
  });
});
