import { describe, expect, test } from 'vitest';
import { exportOnnx, onnxInputs, portableOf } from '../../../../src/core/deploy';
import { predictTrees } from '../../../../src/core/models';
import type { TreeEnsemble } from '../../../../src/core/models';
import type { FittedRecipe } from '../../../../src/core/recipe';
import type { Table } from '../../../../src/core/table/types';
import { SHAPES, treesCase } from './randomTrees';
import { rowsOf, runOnnx } from './trainTiny';

async function onnxOf(fitted: FittedRecipe, ensemble: TreeEnsemble, table: Table) {
  const bytes = exportOnnx(fitted, portableOf({ fitted, model: { kind: 'trees', ensemble } }), { name: 'trees', version: 1 });
  const feeds = onnxInputs(rowsOf(table), fitted);
  expect(feeds.errors).toEqual([]);
  return runOnnx(bytes, feeds.feeds);
}

describe.each(SHAPES)('model.onnx for a %s ensemble', (shape) => {
  test('agrees with predictTrees within 1e-5, with NaN, missing and unseen categories; labels exact', async () => {
    const { table, fitted, x, ensemble } = treesCase(shape, { trees: 40, depth: 5, seed: SHAPES.indexOf(shape) + 1 });
    const ref = predictTrees(ensemble, x.X, x.n);
    const out = await onnxOf(fitted, ensemble, table);
    let worst = 0;
    if (fitted.task === 'regression') {
      expect(out.value.dims).toEqual([table.rowCount, 1]);
      const v = out.value.data as Float32Array;
      for (let i = 0; i < x.n; i++) worst = Math.max(worst, Math.abs(v[x.rows[i]] - ref[i]) / Math.max(1, Math.abs(ref[i])));
    } else {
      const classes = fitted.classes!;
      const k = classes.length;
      expect(out.probabilities.dims).toEqual([table.rowCount, k]);
      const p = out.probabilities.data as Float32Array;
      const labels = out.label.data as string[];
      const index = out.label_index.data as BigInt64Array;
      for (let i = 0; i < x.n; i++) {
        const r = x.rows[i];
        let best = 0;
        for (let j = 0; j < k; j++) {
          worst = Math.max(worst, Math.abs(p[r * k + j] - ref[i * k + j]));
          if (ref[i * k + j] > ref[i * k + best]) best = j;
        }
        expect(labels[r]).toBe(classes[best]);
        expect(Number(index[r])).toBe(best);
      }
    }
    expect(worst).toBeLessThan(1e-5);
  });
});

describe('model.onnx with trees', () => {
  test('a categorical split with an empty set sends known codes right and missing where the split says', async () => {
    const { table, fitted, x, ensemble } = treesCase('regression-gbdt', { trees: 1, depth: 1 });
    const city = fitted.featureNames.indexOf('city');
    const stump = (missingLeft: boolean): TreeEnsemble => ({
      ...ensemble,
      base: [0],
      trees: [{ feature: [city], threshold: [0], categories: [[]], missingLeft: [missingLeft], left: [-1], right: [-2], cover: [1], leafValue: [1, 2], leafCover: [1, 1], gain: [1] }],
      treeOutput: [0],
    });
    for (const missingLeft of [true, false]) {
      const e = stump(missingLeft);
      const ref = predictTrees(e, x.X, x.n);
      const v = (await onnxOf(fitted, e, table)).value.data as Float32Array;
      for (let i = 0; i < x.n; i++) expect(v[x.rows[i]]).toBe(ref[i]);
      expect(v[0]).toBe(missingLeft ? 1 : 2);
    }
  });

  test('the preprocessing graph passes NaN through an ordinal recipe without imputation', async () => {
    // A stump on b: 10 when b <= 1 or missing, 20 otherwise; row 3 has b missing.
    const { table, fitted, x, ensemble } = treesCase('regression-gbdt', { trees: 1, depth: 1 });
    const b = fitted.featureNames.indexOf('b');
    const e: TreeEnsemble = {
      ...ensemble,
      base: [0],
      trees: [{ feature: [b], threshold: [Math.fround(1)], categories: [null], missingLeft: [true], left: [-1], right: [-2], cover: [1], leafValue: [10, 20], leafCover: [1, 1], gain: [1] }],
      treeOutput: [0],
    };
    const v = (await onnxOf(fitted, e, table)).value.data as Float32Array;
    expect(Number.isNaN(x.X[3 * x.featureNames.length + b])).toBe(true);
    expect(v[3]).toBe(10);
    const ref = predictTrees(e, x.X, x.n);
    for (let i = 0; i < x.n; i++) expect(v[x.rows[i]]).toBe(ref[i]);
  });
});
