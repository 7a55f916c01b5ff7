import { describe, expect, test } from 'vitest';
import { classCells, classCodes, createBoundaryService, extentOf, gridMatrix, moments, standardMatrix, usableRows, type BoundaryFrame, type BoundarySetup } from '../../../../src/core/boundary';
import { createRng } from '../../../../src/core/stats/rng';

describe('boundary grid', () => {
  test('usableRows drops rows with a missing feature or target and thins evenly', () => {
    const a = Float64Array.from([1, NaN, 3, 4, 5]);
    const b = Float64Array.from([1, 2, 3, Infinity, 5]);
    expect([...usableRows([a, b], Int32Array.from([0, 1, -1, 0, 1]), (v) => v < 0)]).toEqual([0, 4]);
    const many = new Float64Array(10_000).fill(1);
    const rows = usableRows([many], new Float64Array(10_000), (v) => !Number.isFinite(v), 100);
    expect(rows.length).toBe(100);
    expect([rows[0], rows[1], rows[99]]).toEqual([0, 100, 9900]);
  });

  test('moments and standardisation give z-scores (population sd, as numpy.std)', () => {
    const v = Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]);
    const rows = Int32Array.from(v.keys());
    // numpy 1.24.2: np.mean → 5.0, np.std (ddof=0) → 2.0
    expect(moments(v, rows)).toEqual({ mean: 5, sd: 2 });
    expect([...standardMatrix([v], rows, [{ mean: 5, sd: 2 }])]).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
    expect(moments(Float64Array.from([3, 3]), Int32Array.from([0, 1]))).toEqual({ mean: 3, sd: 1 });
  });

  test('extents pad by 5 % and the grid runs left to right, top row first', () => {
    const v = Float64Array.from([0, 10]);
    const e = extentOf(v, Int32Array.from([0, 1]));
    expect(e).toEqual({ min: -0.5, max: 10.5 });
    const id = { mean: 0, sd: 1 };
    const g = gridMatrix(2, [{ min: 0, max: 2 }, { min: 0, max: 2 }], [id, id]);
    // Cell centres at 0.5 and 1.5; the first row is the top (largest y).
    expect([...g]).toEqual([0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]);
    expect([...gridMatrix(2, [{ min: 0, max: 2 }], [id])]).toEqual([0.5, 1.5]);
  });

  test('classCells picks the top class and scales confidence from chance (0) to certain (255)', () => {
    const probs = Float32Array.from([0.5, 0.5, 0.1, 0.9, 1, 0]);
    const { cls, conf } = classCells(probs, 3, 2);
    expect([...cls]).toEqual([0, 1, 0]);
    expect([...conf]).toEqual([0, 204, 255]);
  });

  test('classCodes keeps string codes and orders numeric labels', () => {
    const codes = Int32Array.from([1, 0, -1]);
    expect(classCodes(codes, ['a', 'b'])).toEqual({ codes, classes: ['a', 'b'] });
    const numeric = classCodes(Float64Array.from([1, 0, NaN, 1]));
    expect([...numeric.codes]).toEqual([1, 0, -1, 1]);
    expect(numeric.classes).toEqual(['0', '1']);
  });
});

/** Two Gaussian blobs, one per class, far enough apart to separate. */
function blobs(n: number, seed: number) {
  const rng = createRng(seed);
  const normal = () => rng.normal();
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const t = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = i % 2;
    x[i] = (t[i] ? 30 : 10) + 3 * normal();
    y[i] = (t[i] ? 200 : 100) + 20 * normal();
  }
  return { x, y, t };
}

describe('boundary api', () => {
  test('classification: one frame per epoch with a full grid, learning the two blobs, deterministic per seed', async () => {
    const api = createBoundaryService();
    const { x, y, t } = blobs(200, 3);
    const run = async () => {
      const frames: BoundaryFrame[] = [];
      let setup: BoundarySetup | null = null;
      const out = await api.train({ features: [x, y], target: t, classNames: ['a', 'b'], task: 'classification', size: 20, epochs: 40 }, (s) => (setup = s), (f) => frames.push(f));
      return { out, frames, setup: setup! };
    };
    const a = await run();
    expect(a.out.epochs).toBe(40);
    expect(a.frames.map((f) => f.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(a.setup.classes).toEqual(['a', 'b']);
    expect(a.setup.rows).toBe(200);
    const last = a.frames.at(-1)!;
    expect(last.cls!.length).toBe(400);
    expect(last.metric).toBeGreaterThan(0.95);
    expect(last.loss).toBeLessThan(a.frames[0].loss);
    // Bottom-left of the grid is class 0's blob, top-right class 1's.
    expect(last.cls![19 * 20]).toBe(0);
    expect(last.cls![19]).toBe(1);
    const b = await run();
    expect(b.frames.at(-1)!.loss).toBe(last.loss);
  });

  test('regression: the curve follows a line in the target units', async () => {
    const api = createBoundaryService();
    const x = Float64Array.from({ length: 100 }, (_, i) => i);
    const y = Float64Array.from(x, (v) => 1000 + 5 * v);
    const frames: BoundaryFrame[] = [];
    await api.train({ features: [x], target: y, task: 'regression', size: 10, epochs: 150 }, () => undefined, (f) => frames.push(f));
    const curve = frames.at(-1)!.curve!;
    expect(curve.length).toBe(10);
    expect(frames.at(-1)!.metric).toBeLessThan(25);
    expect(curve[9] - curve[0]).toBeGreaterThan(300);
  });

  test('too few usable rows is an error that says what to change', async () => {
    const api = createBoundaryService();
    const nan = Float64Array.from([NaN, NaN, 1, 2, 3]);
    await expect(api.train({ features: [nan], target: Float64Array.from([1, 2, 3, 4, 5]), task: 'regression' }, () => undefined, () => undefined)).rejects.toThrow(/Only 3 rows .* choose other features/);
  });
});
