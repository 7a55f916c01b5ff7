/**
 * The scorer's own feature row for each input row: scorerTransform's compiled recipe fed by the
 * shared cell reader, copied into a Float32Array as scorer.mjs does before the model.
 */
import { cellReader } from '../../../../../src/core/deploy/coerceCell';
import { requiredInputs } from '../../../../../src/core/deploy/requiredInputs';
import { compileTransform } from '../../../../../src/core/deploy/scorerTransform';
import type { FittedRecipe } from '../../../../../src/core/recipe';
import { dateKernel } from '../../../../../src/core/table/parseDatetime';

export function scorerFeatures(fitted: FittedRecipe, rows: Record<string, unknown>[]): Float32Array[] {
  const cells = cellReader(dateKernel());
  const T = compileTransform(requiredInputs(fitted), fitted.steps, fitted.featureNames, cells);
  return rows.map((row, r) => {
    for (const c of T.inputs) {
      const v = cells.read(row[c.name] ?? null, c);
      if (cells.error !== null) throw new Error(`row ${r}: ${cells.error}`);
      if (c.text) T.STR[c.slot] = v as string | null;
      else T.NUM[c.slot] = v as number;
    }
    T.run();
    return Float32Array.from(T.features, (s) => T.NUM[s]);
  });
}
