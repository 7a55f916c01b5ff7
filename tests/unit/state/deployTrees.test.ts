import { describe, expect, test } from 'vitest';
import { modelWords, versionSource } from '../../../src/state/deploy.svelte';
import { treesCase } from '../core/deploy/randomTrees';
import { legacyTraining } from '../../../src/core/run';

const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

describe('Deploy with a tree ensemble', () => {
  const { fitted, ensemble } = treesCase('binary-forest', { trees: 3, depth: 2 });
  const version = { model: 'churn', version: 2, metrics: { auc: 0.8 }, training: legacyTraining(null, null) };

  test('versionSource reads the ensemble from model-meta.json (stored whole) or from trees.json', () => {
    const fromMeta = versionSource(version, { 'fitted-recipe.json': bytes(fitted), 'model-meta.json': bytes(ensemble) }, null);
    expect(fromMeta.model).toEqual({ kind: 'trees', ensemble });
    const fromFile = versionSource(version, { 'fitted-recipe.json': bytes(fitted), 'model-meta.json': bytes({ kind: 'trees' }), 'trees.json': bytes(ensemble) }, null);
    expect(fromFile.model).toEqual({ kind: 'trees', ensemble });
  });

  test('the model is named in words, never as the baseline', () => {
    expect(modelWords({ kind: 'trees', ensemble })).toBe('random forest');
    expect(modelWords({ kind: 'trees', ensemble: { ...ensemble, modelKind: 'gbdt' } })).toBe('gradient-boosted trees');
    expect(modelWords({ kind: 'baseline', baseline: { kind: 'baseline', task: 'binary', output: [0.5, 0.5] } })).toBe('baseline');
    const files = { modelJson: '{}', weights: new Uint8Array() };
    expect(modelWords({ kind: 'tf', modelKind: 'logistic', files })).toBe('logistic regression');
    expect(modelWords({ kind: 'tf', modelKind: 'mlp', files })).toBe('neural network (MLP)');
  });
});
