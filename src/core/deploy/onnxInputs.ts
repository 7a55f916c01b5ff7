import type { FittedRecipe } from '../recipe';
import { coerceCell, isStringType, missingColumn } from './coerceCell';
import { onnxInputNames } from './onnx/inputNames';
import { requiredInputs } from './requiredInputs';

/** One feed, ready for `new ort.Tensor(type, data, dims)`. */
export type OnnxFeed =
  | { type: 'float32'; data: Float32Array; dims: [number, 1] }
  | { type: 'float64'; data: Float64Array; dims: [number, 1] }
  | { type: 'string'; data: string[]; dims: [number, 1] };

export interface OnnxInputs {
  /** By ONNX input name; only the good rows, in order. */
  feeds: Record<string, OnnxFeed>;
  /** Index in `rows` of each fed row (row i of the outputs is rows[fed[i]]). */
  fed: number[];
  /** Rows refused, with the same message scorer.mjs gives. */
  errors: { row: number; error: string }[];
}

/**
 * Builds model.onnx's inputs from row objects and refuses bad rows (a missing column, a value
 * that is not a number/date/boolean where one is expected, a date not in the shape training read)
 * with the same cell reader scorer.mjs ships, so the same message. Missing
 * values become NaN (numbers) or "" (text), which the graph imputes as the recipe says.
 */
export function onnxInputs(rows: readonly unknown[], preprocess: FittedRecipe): OnnxInputs {
  const inputs = requiredInputs(preprocess);
  const names = onnxInputNames(inputs);
  const columns: (number | string)[][] = inputs.map(() => []);
  const fed: number[] = [];
  const errors: OnnxInputs['errors'] = [];
  const cells: (number | string | null)[] = new Array(inputs.length);
  rows.forEach((row, r) => {
    if (row === null || typeof row !== 'object') {
      errors.push({ row: r, error: `The row is ${row === null ? 'null' : typeof row}, not an object keyed by column name.` });
      return;
    }
    for (let j = 0; j < inputs.length; j++) {
      const c = inputs[j];
      if (!(c.name in row)) {
        errors.push({ row: r, error: missingColumn(c.name) });
        return;
      }
      const cell = coerceCell((row as Record<string, unknown>)[c.name], c.name, c.type, c.format);
      if (!cell.ok) {
        errors.push({ row: r, error: cell.error });
        return;
      }
      cells[j] = cell.value;
    }
    cells.forEach((v, j) => columns[j].push(v ?? ''));
    fed.push(r);
  });
  const feeds: Record<string, OnnxFeed> = {};
  inputs.forEach((c, j) => {
    const n = fed.length;
    if (isStringType(c.type)) feeds[names[j]] = { type: 'string', data: columns[j] as string[], dims: [n, 1] };
    else if (c.type === 'datetime') feeds[names[j]] = { type: 'float64', data: Float64Array.from(columns[j] as number[]), dims: [n, 1] };
    else feeds[names[j]] = { type: 'float32', data: Float32Array.from(columns[j] as number[]), dims: [n, 1] };
  });
  return { feeds, fed, errors };
}
