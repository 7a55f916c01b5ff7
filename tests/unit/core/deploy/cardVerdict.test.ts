/** The model card grades the model against its baseline with the studio's margins. */
import { expect, test } from 'vitest';
import { modelCard } from '../../../../src/core/deploy';
import type { FittedRecipe } from '../../../../src/core/recipe';

const fitted: FittedRecipe = {
  version: 1, target: 'price', task: 'regression', inputSchema: [{ name: 'size', type: 'float' }],
  steps: [], featureNames: ['size'], embeddings: [], trainRows: 100,
};
const card = (rmse: number) => modelCard(fitted, { name: 'm', version: 1, kind: 'linear', createdAt: '2026-12-05', hasTfjs: true, metrics: { rmse, r2: 0 }, baselineMetrics: { rmse: 10, r2: 0 } });
const plain = (s: string) => s.replace(/\\/g, '');

test('R² 0.04 against the mean reads "barely better", a clear gain says how much', () => {
  expect(plain(card(10 * Math.sqrt(0.96)))).toContain('barely better than the baseline; it removes 4 % of the baseline\'s squared error, too little to rely on');
  expect(plain(card(5))).toContain('better than the baseline; it removes 75 % of the baseline\'s squared error.');
  expect(plain(card(9.99))).toContain('no better than the baseline');
});
