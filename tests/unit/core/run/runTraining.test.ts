import { describe, expect, test } from 'vitest';
import { legacyTraining, missingReason, runTrainingOf, splitWords } from '../../../../src/core/run';

const split = { method: 'stratified' as const, testFraction: 0.2, seed: 42 };
const result = {
  recipe: { split },
  rows: { train: 1204, test: 301 },
  baselineMetrics: { accuracy: 0.62, logLoss: NaN },
  metrics: { accuracy: 0.91 },
  slices: { metric: 'accuracy', groups: [{ key: 'city = Oslo', value: 0.8 }] },
  model: { kind: 'tf', files: { weights: new Uint8Array(4) } },
};

describe('runTrainingOf', () => {
  test('keeps the split on this file, the baseline and the whole result without the weights', () => {
    const t = runTrainingOf(result, { fingerprint: 'ab'.repeat(32), rows: 1600 }, null);
    expect(t.split).toEqual({ spec: split, dataFingerprint: `sha256:${'ab'.repeat(32)}`, dataRows: 1600, trainRows: 1204 });
    // JSON-safe, as any exported file: NaN becomes null.
    expect(t.baselineMetrics).toEqual({ accuracy: 0.62, logLoss: null });
    expect(t.result).toEqual({ recipe: { split }, rows: result.rows, baselineMetrics: t.baselineMetrics, metrics: result.metrics, slices: result.slices });
    expect(missingReason(t.missing, 'profile')).toMatch(/had not been profiled/);
    expect(missingReason(t.missing, 'split')).toBeNull();
  });

  test('a run tested on a separate file trained on every row: no split, and nothing is called missing', () => {
    const t = runTrainingOf(result, { fingerprint: 'sha256:' + 'cd'.repeat(32), rows: 1600 }, { columns: [] }, true);
    expect(t.split).toBeNull();
    expect(t.missing).toEqual([]);
    expect(splitWords(t)).toBe('none: trained on every row of its file');
  });
});

describe('legacyTraining and splitWords', () => {
  test('rebuilds the split from an old recipe and names the rest as missing', () => {
    const t = legacyTraining({ target: 'y', split }, { fingerprint: 'ef'.repeat(32), rows: 1600 });
    expect(t.split).toEqual({ spec: split, dataFingerprint: `sha256:${'ef'.repeat(32)}`, dataRows: 1600, trainRows: null });
    expect(t.missing.map((m) => m.part)).toEqual(['profile', 'baselineMetrics', 'result']);
    expect(splitWords(t)).toBe('stratified by class, 20 % held out, seed 42');
  });

  test('without a split in the recipe, or without the dataset, the split is not made up', () => {
    for (const t of [legacyTraining({ target: 'y' }, { fingerprint: 'ef'.repeat(32), rows: 10 }), legacyTraining({ target: 'y', split }, null)]) {
      expect(t.split).toBeNull();
      expect(missingReason(t.missing, 'split')).toMatch(/^This version was registered before splits were saved/);
      expect(splitWords(t)).toBe('not saved');
    }
  });

  test('a recorded split reads with its rows', () => {
    expect(splitWords(runTrainingOf(result, { fingerprint: 'ab'.repeat(32), rows: 1600 }, null))).toBe('stratified by class, 20 % held out, seed 42, 1,204 of 1,600 rows trained');
  });
});
