/** The first rows of the feature matrix as a model sees it, for Prepare's preview. */
import type { Table } from '../table';
import { formatCount, formatNumber, formatYear, isYearColumn } from '../format';
import type { Recipe } from './types';
import { splitRows } from './split';
import { fitRecipe, transformRecipe } from './fit';
import { forTrees } from './forTrees';
import { withTargetRule } from './targetRule';

export interface MatrixPreview {
  /** Column headers: the fitted feature names (one-hot, indicator and date-part columns included). */
  featureNames: string[];
  /** Cells formatted for people, row by row. */
  rows: string[][];
  /** 1-based row numbers in the file of the rows shown. */
  fileRows: number[];
  /** One sentence: how many features, fitted on how many training rows, for which models. */
  note: string;
}

export interface PreviewOptions {
  /** Rows to show (default 20). */
  rows?: number;
  /** Show the recipe as tree models adapt it (`forTrees`), not as written. */
  trees?: boolean;
}

/**
 * Fits `recipe` on its training split (as training does) and applies it to the first rows of the
 * file that keep their target and pass the row steps.
 */
export function previewMatrix(table: Table, recipe: Recipe, options: PreviewOptions = {}): MatrixPreview {
  const want = options.rows ?? 20;
  const full = withTargetRule(table, recipe);
  const used = options.trees ? forTrees(recipe).recipe : recipe;
  const split = splitRows(full, recipe.target, recipe.split);
  const fitted = fitRecipe(full, used, split.train);
  // Rows without a target or removed by row steps are skipped, so look a little further than `want`.
  let out = transformRecipe(fitted, full, head(full.rowCount, want));
  for (let look = want * 8; out.n < want && look < full.rowCount * 2; look *= 8) out = transformRecipe(fitted, full, head(full.rowCount, look));
  const n = Math.min(want, out.n);
  const d = out.featureNames.length;
  const rows = Array.from({ length: n }, () => new Array<string>(d));
  for (let j = 0; j < d; j++) {
    // A year part reads as a year (2024, not 2,024); rounding noise beside values a trillion times
    // larger (the sine of a whole turn, 1.2e−16) reads as the 0 it stands for.
    const format = isYearColumn(out.featureNames[j]) ? formatYear : formatNumber;
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(out.X[i * d + j]) || 0);
    for (let i = 0; i < n; i++) {
      const v = out.X[i * d + j];
      rows[i][j] = format(Math.abs(v) <= largest * 1e-12 ? 0 : v);
    }
  }
  const features = d === 1 ? '1 feature' : `${formatCount(d)} features`;
  const who = options.trees ? 'as tree models use the recipe' : 'as the recipe is written';
  return {
    featureNames: [...out.featureNames],
    rows,
    fileRows: Array.from(out.rows.subarray(0, n), (r) => r + 1),
    note: `${features} in all, ${who}; fitted on ${formatCount(fitted.trainRows)} training rows.`,
  };
}

function head(rowCount: number, n: number): Int32Array {
  return Int32Array.from({ length: Math.min(rowCount, n) }, (_, i) => i);
}
