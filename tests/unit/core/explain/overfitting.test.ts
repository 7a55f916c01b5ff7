import { describe, expect, test } from 'vitest';
import { detectOverfitting, type LossPoint } from '../../../../src/core/explain';

/** Training loss falling all along; validation loss falling to a minimum at `turn`, then rising. */
const history = (epochs: number, turn: number, rise = 0.05): LossPoint[] =>
  Array.from({ length: epochs }, (_, i) => {
    const epoch = i + 1;
    const valLoss = epoch <= turn ? 1 - 0.03 * epoch : 1 - 0.03 * turn + rise * (epoch - turn);
    return { epoch, loss: 1 - 0.04 * epoch, valLoss };
  });

describe('detectOverfitting', () => {
  test('names the epoch where validation loss turned, and the one early stopping kept', () => {
    const found = detectOverfitting(history(20, 14), { bestEpoch: 14 });
    expect(found?.startedAfter).toBe(14);
    expect(found?.sentence).toBe('Validation loss rose after epoch 14 while training loss kept falling: overfitting; early stopping kept epoch 14.');
  });

  test('without early stopping it says the model is from the last epoch and how to keep the best one', () => {
    expect(detectOverfitting(history(20, 9))?.sentence).toBe(
      'Validation loss rose after epoch 9 while training loss kept falling: overfitting; the model is the one from the last epoch (20); turn on early stopping to keep epoch 9.',
    );
  });

  test('boosting rounds are named as such', () => {
    expect(detectOverfitting(history(30, 12), { bestEpoch: 12, step: 'round' })?.sentence).toContain('after round 12');
  });

  test.each<[string, LossPoint[]]>([
    ['both losses still falling', history(20, 20)],
    ['a wobble within noise', history(20, 15, 0.001)],
    ['the minimum in the last epoch but one', history(20, 19)],
    ['no validation loss', history(20, 10).map((p) => ({ ...p, valLoss: null }))],
    ['training loss rising too (not overfitting)', history(20, 10).map((p) => ({ ...p, loss: 0.5 + 0.01 * p.epoch }))],
  ])('nothing on %s', (_, points) => {
    expect(detectOverfitting(points)).toBeUndefined();
  });
});
