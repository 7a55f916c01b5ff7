/**
 * A registered version keeps its experiment result as stored JSON (runTrainingOf); its model card
 * reads the explanation and slice summaries from that copy, so they must equal the live run's.
 */
import { expect, test } from 'vitest';
import { explanationSummary, sliceJson } from '../../../../src/core/explain';
import { disposeModel, type ExperimentResult, type ModelSpec } from '../../../../src/core/models';
import { runTrainingOf, storedSummaries } from '../../../../src/core/run';

import { cars, penguins, trainTiny } from '../deploy/trainTiny';

const cases: [string, () => ReturnType<typeof penguins>, string, ModelSpec][] = [
  ['mlp on penguins', penguins, 'Species', { kind: 'mlp', seed: 1, options: { epochs: 2, units: 8 } }],
  ['gbdt on penguins', penguins, 'Species', { kind: 'gbdt', seed: 1, options: { rounds: 5 } }],
  ['linear on cars', cars, 'Miles_per_Gallon', { kind: 'linear', seed: 1 }],
];

test.each(cases)('%s: the summaries read from the stored record equal the live run\'s', async (_, data, target, spec) => {
  const { result } = await trainTiny(data(), target, spec);
  try {
    const stored = runTrainingOf(result as ExperimentResult, { fingerprint: 'f', rows: 100 }, null).result;
    const fromStore = storedSummaries(stored, result.fitted.task);
    expect(fromStore.explanation).toEqual(explanationSummary(result.explanation!, result.fitted.task));
    expect(fromStore.slices).toEqual(sliceJson(result.slices!));
  } finally {
    disposeModel(result.model);
  }
}, 60_000);

test('a record without a result (registered before results were saved) gives no summaries', () => {
  expect(storedSummaries(null, 'binary')).toEqual({});
});
