import { describe, expect, test } from 'vitest';
import { resolveOptions } from '../../../../src/core/models/options';
import { gbdtMeta } from '../../../../src/core/models/trees/meta';

describe('resolveOptions', () => {
  test('fills defaults for options not given', () => {
    const o = resolveOptions(gbdtMeta, { rounds: 50 });
    expect(o.rounds).toBe(50);
    expect(o.learningRate).toBe(gbdtMeta.options.find((m) => m.name === 'learningRate')!.default);
  });

  test.each([
    [{ rounds: -3 }, 'Gradient-boosted trees: Maximum boosting rounds is -3; it must be a whole number from 1 to 10,000.'],
    [{ rounds: 2.5 }, 'Gradient-boosted trees: Maximum boosting rounds is 2.5; it must be a whole number from 1 to 10,000.'],
    [{ learningRate: 'fast' }, 'Gradient-boosted trees: Learning rate is "fast"; it must be a number from 0.0001 to 1.'],
    [{ earlyStopping: 'yes' }, /^Gradient-boosted trees: .+ is "yes"; it must be true or false\.$/],
    [{ classWeight: 'heavy' }, /^Gradient-boosted trees: .+ is "heavy"; it must be one of none, balanced/],
    [{ learningRate: 0 }, 'Gradient-boosted trees: Learning rate is 0; it must be a number from 0.0001 to 1.'],
    [{ roundz: 5 }, /^Gradient-boosted trees has no option "roundz"\. Did you mean "rounds"\? Its options: rounds, /],
  ])('%j is refused in words that name the option, its value and what it must be', (given, message) => {
    expect(() => resolveOptions(gbdtMeta, given)).toThrow(message);
  });
});
