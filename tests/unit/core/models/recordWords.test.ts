import { describe, expect, test } from 'vitest';
import { kindLabel, optionLabel, recordedBackendWords, settingLabel } from '../../../../src/core/models/catalog';

describe('stored run words', () => {
  test('model kinds read as their names; an unknown kind stays as stored', () => {
    expect(kindLabel('mlp')).toBe('Neural network (MLP)');
    expect(kindLabel('gbdt')).toBe('Gradient-boosted trees');
    expect(kindLabel('—')).toBe('—');
  });

  test('the backend actually used, never "auto"', () => {
    expect(recordedBackendWords('mlp', 'wasm')).toBe('WASM');
    expect(recordedBackendWords('logistic', 'cpu')).toBe('CPU');
    expect(recordedBackendWords('gbdt', 'auto')).toBe('JavaScript');
    expect(recordedBackendWords('baseline', 'js')).toBe('JavaScript');
    expect(recordedBackendWords('mlp', 'auto')).toBe('—');
  });

  test('option names read as their labels without the bracketed note', () => {
    expect(optionLabel('learningRate')).toBe('Learning rate');
    expect(optionLabel('batchSize')).toBe('Batch size');
    expect(optionLabel('l2')).toBe('L2 penalty');
    expect(optionLabel('seed')).toBe('Seed');
    expect(optionLabel('somethingNew')).toBe('somethingNew');
  });
});

describe('settingLabel', () => {
  test('names a compared setting in words rather than its JSON path', () => {
    expect(settingLabel('spec.kind')).toBe('Model kind');
    expect(settingLabel('spec.options.learningRate')).toBe('Learning rate');
    expect(settingLabel('spec.options.hidden[1]')).toBe('Units in hidden layer 2');
    expect(settingLabel('recipe.steps[0].strategy')).toBe('Recipe step 1: fill with');
    expect(settingLabel('recipe.steps[1].topK')).toBe('Recipe step 2: categories kept');
    expect(settingLabel('recipe.steps[2].columns[0]')).toBe('Recipe step 3: column 1');
    expect(settingLabel('recipe.steps[0].kind')).toBe('Recipe step 1: kind');
    expect(settingLabel('recipe.split.testFraction')).toBe('Test share');
    expect(settingLabel('recipe.split.seed')).toBe('Split seed');
    expect(settingLabel('recipe.split.stratifyBy')).toBe('Split stratify by');
    expect(settingLabel('backend')).toBe('Backend');
  });
});
