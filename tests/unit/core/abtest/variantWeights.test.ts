/** Matching typed weights to a log's variants: named, bare under the documented rule, or refused. */
import { describe, expect, test } from 'vitest';
import { describeWeights, resolveWeights } from '../../../../src/core/abtest';

const bare = (...ws: number[]) => ws.map((weight) => ({ weight }));

describe('resolveWeights', () => {
  test('named weights put a recognised control first, else keep their order, whatever the log\'s order', () => {
    const given = [{ name: 'control', weight: 90 }, { name: 'challenger', weight: 10 }];
    const expected = { weights: given };
    expect(resolveWeights(given, ['control', 'challenger'])).toEqual(expected);
    expect(resolveWeights(given, ['challenger', 'control'])).toEqual(expected);
    expect(resolveWeights([...given].reverse(), ['challenger', 'control'])).toEqual(expected);
    const noControl = [{ name: 'net-v1', weight: 10 }, { name: 'prior-v1', weight: 90 }];
    expect(resolveWeights(noControl, ['prior-v1', 'net-v1'])).toEqual({ weights: noControl });
  });

  test('bare weights put the recognised control first and the rest alphabetically, in any file order', () => {
    for (const file of [['challenger', 'control'], ['control', 'challenger']]) {
      const r = resolveWeights(bare(90, 10), file);
      expect(r.weights).toEqual([{ name: 'control', weight: 90 }, { name: 'challenger', weight: 10 }]);
      expect(describeWeights(r)).toBe('Weights: control = 90 %, challenger = 10 % (bare weights put the control "control" first, the other variants in alphabetical order; name them to be explicit). Control: control.');
    }
    expect(resolveWeights(bare(50, 25, 25), ['C', 'B', 'A']).weights.map((w) => w.name)).toEqual(['A', 'B', 'C']);
    expect(resolveWeights(bare(80, 20), ['net-v1', 'Champion']).weights[0]).toEqual({ name: 'Champion', weight: 80 });
  });

  test('bare weights follow --variants when given, and say so', () => {
    const r = resolveWeights(bare(90, 10), ['net-v1', 'prior-v1'], ['prior-v1', 'net-v1']);
    expect(r.weights).toEqual([{ name: 'prior-v1', weight: 90 }, { name: 'net-v1', weight: 10 }]);
    expect(describeWeights(r)).toMatch(/^Weights: prior-v1 = 90 %, net-v1 = 10 % \(bare weights follow --variants\)/);
  });

  test('bare weights with no recognisable control are refused with the named form spelled out', () => {
    expect(() => resolveWeights(bare(90, 10), ['prior-v1', 'net-v1'])).toThrow('Bare weights are ambiguous here: none of the variants "net-v1", "prior-v1" is named control, champion, baseline or A, so nothing says which weight is whose. Name them, e.g. --weights net-v1=90,prior-v1=10');
    expect(() => resolveWeights(bare(90, 10), ['control', 'baseline'])).toThrow(/ambiguous/);
  });

  test('unknown and missing variants are named', () => {
    expect(() => resolveWeights([{ name: 'control', weight: 90 }, { name: 'treatment', weight: 10 }], ['control', 'challenger'])).toThrow(
      '--weights names "treatment", which the log does not have; the log\'s variant(s) "challenger" has no weight. The log\'s variants are "control", "challenger"',
    );
    expect(() => resolveWeights(bare(90, 10), ['control', 'a2', 'b3'])).toThrow(/The log has 3 variant\(s\) \("control", "a2", "b3"\) but --weights gives 2 value\(s\)\. Name them: --weights control=90,a2=10,b3=…/);
    expect(() => resolveWeights(bare(90, 10), ['control', 'challenger'], ['control', 'ghost'])).toThrow(/--variants names "ghost", which the log does not have/);
  });

  test('mixed, repeated and redundant forms are refused', () => {
    expect(() => resolveWeights([{ name: 'control', weight: 90 }, { weight: 10 }], ['control', 'challenger'])).toThrow(/Give every weight a name or none/);
    expect(() => resolveWeights([{ name: 'control', weight: 90 }, { name: 'control', weight: 10 }], ['control', 'challenger'])).toThrow(/names "control" more than once/);
    expect(() => resolveWeights([{ name: 'control', weight: 90 }, { name: 'challenger', weight: 10 }], ['control', 'challenger'], ['control', 'challenger'])).toThrow(/--variants is only for bare weights/);
  });
});
