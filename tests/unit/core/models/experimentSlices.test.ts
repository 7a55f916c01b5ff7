/** Every model kind's experiment carries metrics by slice of its held-out rows, mapped back to the source table. */
import { describe, expect, test } from 'vitest';
import { disposeModel, type ModelSpec } from '../../../../src/core/models';
import { cars, penguins, trainTiny } from '../deploy/trainTiny';

const kinds: [string, ModelSpec][] = [
  ['baseline', { kind: 'baseline', seed: 1 }],
  ['logistic', { kind: 'logistic', seed: 1, options: { epochs: 3 } }],
  ['mlp', { kind: 'mlp', seed: 1, options: { epochs: 2, units: 8 } }],
  ['gbdt', { kind: 'gbdt', seed: 1, options: { rounds: 5 } }],
  ['forest', { kind: 'forest', seed: 1, options: { trees: 5 } }],
];

describe('runExperiment: slices', () => {
  test.each(kinds)('%s on penguins (multiclass): slices by island, sex and ranges of the measurements', async (_, spec) => {
    const { result } = await trainTiny(penguins(), 'Species', spec);
    try {
      const s = result.slices!;
      expect(s).toMatchObject({ metric: 'logLoss', totalRows: result.rows.test });
      expect(s.overall).toBeCloseTo(result.metrics.logLoss, 6);
      expect(s.overallSecondary).toBeCloseTo(result.metrics.accuracy, 12);
      expect(s.columns).toEqual(['Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex']);
      for (const c of s.columns) expect(s.slices.filter((x) => x.column === c).reduce((a, x) => a + x.rows, 0)).toBe(result.rows.test);
    } finally {
      disposeModel(result.model);
    }
  }, 60_000);

  test('regression (linear on cars): RMSE by slice, and the date column cut into date ranges', async () => {
    const { result } = await trainTiny(cars(), 'Miles_per_Gallon', { kind: 'linear', seed: 1 });
    try {
      const s = result.slices!;
      expect(s.metric).toBe('rmse');
      expect(s.overall).toBeCloseTo(result.metrics.rmse, 4);
      const years = s.slices.filter((x) => x.column === 'Year');
      expect(years.length).toBeGreaterThan(1);
      expect(years.every((x) => x.key.kind === 'value' ? x.key.type === 'date' : x.key.kind === 'range' ? x.key.type === 'date' : x.key.kind === 'missing')).toBe(true);
    } finally {
      disposeModel(result.model);
    }
  }, 60_000);
});
