import { describe, expect, test } from 'vitest';
import { exportOnnx, onnxInputs, scorerModule, type PortableModel } from '../../../../src/core/deploy';
import type { DatePart, FittedRecipe } from '../../../../src/core/recipe';
import { createRng } from '../../../../src/core/stats/rng';
import { importScorer, runOnnx } from './trainTiny';

/** A regression "model" that returns feature 0: the date part itself. */
function identity(part: DatePart): { fitted: FittedRecipe; model: PortableModel } {
  const fitted: FittedRecipe = {
    version: 1,
    target: 'y',
    task: 'regression',
    inputSchema: [{ name: 'at', type: 'datetime' }],
    steps: [{ kind: 'datetime', parts: [part], cyclic: false, columns: ['at'] }],
    featureNames: [`at_${part}`],
    embeddings: [],
    trainRows: 1,
  };
  const model: PortableModel = { task: 'regression', source: 'tf', plain: [0], embeddings: [], layers: [{ inputs: 1, units: 1, activation: 'linear', kernel: Float32Array.of(1), bias: Float32Array.of(0) }] };
  return { fitted, model };
}

const reference: Record<DatePart, (d: Date) => number> = {
  year: (d) => d.getUTCFullYear(),
  month: (d) => d.getUTCMonth() + 1,
  day: (d) => d.getUTCDate(),
  weekday: (d) => d.getUTCDay(),
  hour: (d) => d.getUTCHours(),
};

describe('datetime parts from epoch ms (civil-from-days) match Date in scorer.mjs and model.onnx', () => {
  const rng = createRng(7);
  // 1653–2286, with leap days, century boundaries and instants just before midnight.
  const ms = [
    ...Array.from({ length: 1500 }, () => Math.round((rng.next() * 2 - 1) * 1e13)),
    Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(1900, 1, 28, 12), Date.UTC(1900, 2, 1), Date.UTC(2100, 1, 28, 23), Date.UTC(1969, 11, 31, 23, 59, 59, 999), 0, -1, Date.UTC(1600, 0, 1),
  ];
  test.each<DatePart>(['year', 'month', 'day', 'weekday', 'hour'])('%s', async (part) => {
    const { fitted, model } = identity(part);
    const scorer = await importScorer(scorerModule(fitted, model, { name: 'dt', version: 1 }));
    const rows = ms.map((at) => ({ at }));
    const expected = ms.map((v) => reference[part](new Date(v)));
    expect(scorer.predict(rows).map((p) => (p as { value: number }).value)).toEqual(expected);
    const onnx = await runOnnx(exportOnnx(fitted, model, { name: 'dt', version: 1 }), onnxInputs(rows, fitted).feeds);
    expect(Array.from(onnx.value.data as Float32Array)).toEqual(expected);
  });
});
