/** The early-stopping slice: seeded rows, or whole groups when the experiment uses a group split. */
import { describe, expect, test } from 'vitest';
import { carveValidation } from '../../../../../src/core/models/network/data';
import type { TrainData } from '../../../../../src/core/models/types';

// 200 rows, one feature holding the row index so each part says which rows it got; 25 groups of 8.
const n = 200;
const data: TrainData = { task: 'regression', X: Float32Array.from({ length: n }, (_, i) => i), n, d: 1, y: new Float32Array(n), numClasses: 1 };
const groups = Array.from({ length: n }, (_, i) => `g${Math.floor(i / 8)}`);
const rowsIn = (part: { X: Float32Array }) => Array.from(part.X);

describe('carveValidation', () => {
  test('with groups, no group is on both sides and the slice is near the fraction', () => {
    const { train, valid } = carveValidation({ ...data, groups }, 0.2, 3);
    const validGroups = new Set(rowsIn(valid!).map((i) => groups[i]));
    expect(rowsIn(train).some((i) => validGroups.has(groups[i]))).toBe(false);
    expect(valid!.n).toBe(40);
    expect(train.n + valid!.n).toBe(n);
    expect(carveValidation({ ...data, groups }, 0.2, 3)).toEqual({ train, valid });
  });

  test('without groups it stays a seeded row sample, and one group means no slice to carve by group', () => {
    const plain = carveValidation(data, 0.2, 3);
    expect(plain.valid!.n).toBe(40);
    const byRow = new Set(rowsIn(plain.valid!).map((i) => groups[i]));
    expect(byRow.size).toBeGreaterThan(10);
    expect(carveValidation({ ...data, groups: new Array(n).fill('only') }, 0.2, 3)).toEqual(plain);
  });
});
