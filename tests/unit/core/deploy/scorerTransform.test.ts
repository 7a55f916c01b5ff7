/**
 * compileTransform runs each numeric step's columns in one loop: the values are each column's own
 * arithmetic, in step order, and a parameter JSON wrote as null (a non-finite fit) keeps the
 * arithmetic it always had (null reads as 0).
 */
import { expect, test } from 'vitest';
import { cellReader } from '../../../../src/core/deploy/coerceCell';
import { compileTransform } from '../../../../src/core/deploy/scorerTransform';
import type { FittedStep, InputColumn } from '../../../../src/core/recipe';
import { dateKernel } from '../../../../src/core/table';

const inputs: InputColumn[] = ['a', 'b', 'c', 's'].map((name) => ({ name, type: name === 's' ? 'categorical' : 'float' }));
const steps = [
  { kind: 'impute', columns: [{ name: 'a', fill: 2, indicator: true }, { name: 's', fill: 'x', indicator: true }, { name: 'b', fill: -1, indicator: false }] },
  { kind: 'power', method: 'log', columns: [{ name: 'a', shift: 0.5 }, { name: 'c', shift: 1 }] },
  { kind: 'clip', columns: [{ name: 'b', lower: null, upper: 3 }, { name: 'c', lower: 0.2, upper: null }] },
  { kind: 'power', method: 'yeo-johnson', columns: [{ name: 'b', lambda: 0.7 }] },
  { kind: 'scale', method: 'standard', columns: [{ name: 'a', center: 1, scale: 2 }, { name: 'b', center: null, scale: 4 }, { name: 'c', center: 0.5, scale: 3 }] },
] as unknown as FittedStep[];
const yeoJohnson = (x: number, l: number) => (x >= 0 ? (Math.pow(x + 1, l) - 1) / l : -(Math.pow(1 - x, 2 - l) - 1) / (2 - l));

test.each([
  [1.5, 7, 0.1, 'p'],
  [NaN, NaN, 4, null],
  [-3, -9, NaN, 'q'],
])('a=%s b=%s c=%s s=%s: each column as its steps compute it', (a, b, c, s) => {
  const t = compileTransform(inputs, steps, ['a', 'b', 'c', 'a_missing', 's_missing'], cellReader(dateKernel()));
  const slot = (name: string) => t.inputs.find((i) => i.name === name)!.slot;
  t.NUM[slot('a')] = a;
  t.NUM[slot('b')] = b;
  t.NUM[slot('c')] = c;
  t.STR[slot('s')] = s;
  t.run();
  const a1 = Math.log1p(Math.max(0, (a === a ? a : 2) + 0.5));
  const b1 = yeoJohnson(Math.min(3, Math.max(-Infinity, b === b ? b : -1)), 0.7);
  const c1 = Math.min(Infinity, Math.max(0.2, Math.log1p(Math.max(0, c + 1))));
  const features = Array.from(t.features, (f) => t.NUM[f]);
  expect(features).toEqual([(a1 - 1) / 2, (b1 - 0) / 4, (c1 - 0.5) / 3, a === a ? 0 : 1, s === null ? 1 : 0]);
});
