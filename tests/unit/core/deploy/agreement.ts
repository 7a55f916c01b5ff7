/**
 * The three scoring paths on one trained model: the studio (transformRecipe + TF.js predict),
 * the bundle's scorer.mjs and its model.onnx (onnxruntime-web), on the same table.
 */
import { strFromU8 } from 'fflate';
import { predict, type Trained } from '../../../../src/core/models';
import { transformRecipe, type FittedRecipe } from '../../../../src/core/recipe';
import { onnxInputs, type Bundle } from '../../../../src/core/deploy';
import type { Table } from '../../../../src/core/table/types';
import { importScorer, rowsOf, runOnnx } from './trainTiny';

export interface Agreement {
  rows: number;
  /** Largest |difference| in a probability (or regression value) between the studio and each path. */
  scorerDiff: number;
  onnxDiff: number;
  /** Rows whose label differs from the studio's argmax. */
  scorerLabelMismatches: number;
  onnxLabelMismatches: number;
}

const argmax = (p: ArrayLike<number>, at: number, k: number) => {
  let best = 0;
  for (let j = 1; j < k; j++) if (p[at + j] > p[at + best]) best = j;
  return best;
};

/** Regression values are compared relative to their size (float32 carries ~7 digits). */
const gap = (a: number, b: number, regression: boolean) => Math.abs(a - b) / (regression ? Math.max(1, Math.abs(b)) : 1);

export async function agreement(bundle: Bundle, trained: Trained, fitted: FittedRecipe, table: Table): Promise<Agreement> {
  const x = transformRecipe(fitted, table);
  const ref = predict(trained, x.X, x.n);
  const rows = rowsOf(table);
  const scorer = await importScorer(strFromU8(bundle.files['scorer.mjs']));
  const scored = scorer.predict(rows);
  const feeds = onnxInputs(rows, fitted);
  if (feeds.errors.length) throw new Error(`onnxInputs refused rows: ${JSON.stringify(feeds.errors.slice(0, 3))}`);
  const onnx = await runOnnx(bundle.files['model.onnx'], feeds.feeds);
  const regression = fitted.task === 'regression';
  const k = regression ? 1 : fitted.classes!.length;
  const out: Agreement = { rows: x.n, scorerDiff: 0, onnxDiff: 0, scorerLabelMismatches: 0, onnxLabelMismatches: 0 };
  const onnxValues = (regression ? onnx.value.data : onnx.probabilities.data) as Float32Array;
  const onnxLabels = regression ? [] : (onnx.label.data as string[]);
  for (let i = 0; i < x.n; i++) {
    const r = x.rows[i];
    const s = scored[r];
    if ('error' in s) throw new Error(`scorer refused row ${r}: ${s.error}`);
    if ('value' in s) {
      out.scorerDiff = Math.max(out.scorerDiff, gap(s.value, ref[i], true));
      out.onnxDiff = Math.max(out.onnxDiff, gap(onnxValues[r], ref[i], true));
      continue;
    }
    const label = fitted.classes![argmax(ref, i * k, k)];
    fitted.classes!.forEach((c, j) => {
      out.scorerDiff = Math.max(out.scorerDiff, Math.abs(s.probabilities[c] - ref[i * k + j]));
      out.onnxDiff = Math.max(out.onnxDiff, Math.abs(onnxValues[r * k + j] - ref[i * k + j]));
    });
    if (s.label !== label) out.scorerLabelMismatches++;
    if (onnxLabels[r] !== label) out.onnxLabelMismatches++;
  }
  return out;
}

/** The table with an unseen category, a missing category and a missing number in the first rows. */
export function withEdits(table: Table, target: string): Table {
  let text = false;
  let num = false;
  const columns = table.columns.map((c) => {
    if (c.name === target) return c;
    if ('codes' in c && !text) {
      text = true;
      const codes = c.codes.slice();
      codes[0] = c.dictionary.length;
      codes[1] = -1;
      return { ...c, codes, dictionary: [...c.dictionary, 'zz-never-seen'] };
    }
    if ('values' in c && !num && c.type !== 'boolean') {
      num = true;
      const values = c.values.slice();
      values[2] = NaN;
      values[3] = NaN;
      return { ...c, values };
    }
    return c;
  });
  return { ...table, columns };
}
