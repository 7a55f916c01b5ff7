/**
 * The scoring part of scorer.mjs: reads each cell with the shared cell reader (coerceCell.ts, which
 * reads dates with training's reader), runs the compiled recipe (scorerTransform.ts), then the
 * network or the tree ensemble, with no allocation per row in the preprocessing or the forward
 * pass. scorerSource ships it with `Function.prototype.toString()` and passes everything it needs
 * in, so it is self-contained: it reads only its arguments and built-ins (atob, typed arrays, Math).
 */
import type { FittedStep, InputColumn, Task } from '../recipe';
import type { CellReader } from './coerceCell';
import type { compileTransform } from './scorerTransform';
import type { RowPrediction } from './types';

/** The JSON scorerSource writes into scorer.mjs as `SPEC`. */
export interface ScorerSpec {
  name: string;
  version: string | number;
  task: Task;
  target: string;
  classes: string[] | null;
  inputs: InputColumn[];
  steps: FittedStep[];
  featureNames: string[];
  model: {
    plain: number[];
    embeddings: { feature: number; size: number; width: number; table: string }[];
    layers: { inputs: number; units: number; activation: string; kernel: string; bias: string }[];
    trees?: unknown;
  };
}

/** The tree ensemble's pass (scorerTrees.ts): given the spec and the feature row X, a function returning the outputs, or null without trees. */
type TreesPass = (spec: ScorerSpec, X: Float32Array, D: number, floats: (b64: string) => Float32Array) => (() => Float64Array) | null;

interface ScorerApi {
  predict(rows: unknown[]): RowPrediction[];
  predictOne(row: unknown): RowPrediction;
  predictColumns(columns: string[], rows: unknown[][]): RowPrediction[];
  predictNumbers(columns: string[], values: Float64Array, n: number): RowPrediction[];
  meta: { task: Task; target: string; classes: string[] | null; inputs: InputColumn[]; featureNames: string[]; model: string; version: string | number };
}

export function scorerRuntime(SPEC: ScorerSpec, cells: CellReader, compile: typeof compileTransform, treesPass: TreesPass, floats: (b64: string) => Float32Array, flat: (row: Record<string, unknown>) => Record<string, unknown>): ScorerApi {

  const T = compile(SPEC.inputs, SPEC.steps, SPEC.featureNames, cells);
  const INPUTS = T.inputs;
  // Columns read from nested JSON are named by path ("user.age"): a row may send them nested, as the JSON was.
  let NESTED = false;
  for (let i = 0; i < INPUTS.length; i++) if (INPUTS[i].name.indexOf('.') >= 0) NESTED = true;
  const NUM = T.NUM;
  const STR = T.STR;
  const FEAT = T.features;
  const D = FEAT.length;
  const X = new Float32Array(D);

  const LAYERS = SPEC.model.layers.map((l) => ({ inputs: l.inputs, units: l.units, act: l.activation, K: floats(l.kernel), B: floats(l.bias), out: new Float64Array(l.units) }));
  const EMBEDS = SPEC.model.embeddings.map((e) => ({ feature: e.feature, size: e.size, width: e.width, T: floats(e.table) }));
  const PLAIN = Int32Array.from(SPEC.model.plain);
  const H0 = new Float64Array(LAYERS.length ? LAYERS[0].inputs : 0);
  const forwardTrees = treesPass(SPEC, X, D, floats);

  function activate(act: string, a: Float64Array): void {
    const n = a.length;
    let i;
    if (act === 'relu') {
      for (i = 0; i < n; i++) if (a[i] < 0) a[i] = 0;
    } else if (act === 'sigmoid') {
      for (i = 0; i < n; i++) a[i] = 1 / (1 + Math.exp(-a[i]));
    } else if (act === 'tanh') {
      for (i = 0; i < n; i++) a[i] = Math.tanh(a[i]);
    } else if (act === 'elu') {
      for (i = 0; i < n; i++) if (a[i] < 0) a[i] = Math.exp(a[i]) - 1;
    } else if (act === 'selu') {
      for (i = 0; i < n; i++) a[i] = 1.0507009873554805 * (a[i] > 0 ? a[i] : 1.6732632423543772 * (Math.exp(a[i]) - 1));
    } else if (act === 'softmax') {
      let max = -Infinity;
      let sum = 0;
      for (i = 0; i < n; i++) if (a[i] > max) max = a[i];
      for (i = 0; i < n; i++) {
        a[i] = Math.exp(a[i] - max);
        sum += a[i];
      }
      for (i = 0; i < n; i++) a[i] /= sum;
    }
  }
  function forward(): Float64Array {
    let w = 0;
    for (let i = 0; i < PLAIN.length; i++) H0[w++] = X[PLAIN[i]];
    for (const E of EMBEDS) {
      let code = Math.round(X[E.feature]);
      if (!(code >= 0)) code = 0;
      if (code > E.size - 1) code = E.size - 1;
      for (let j = 0; j < E.width; j++) H0[w++] = E.T[code * E.width + j];
    }
    let input = H0;
    for (const L of LAYERS) {
      const out = L.out;
      const K = L.K;
      const U = L.units;
      for (let j = 0; j < U; j++) out[j] = L.B[j];
      for (let i = 0; i < L.inputs; i++) {
        const xi = input[i];
        const row = i * U;
        for (let j = 0; j < U; j++) out[j] += xi * K[row + j];
      }
      activate(L.act, out);
      input = out;
    }
    return input;
  }

  const CLASSES = SPEC.classes || [];
  const P = new Float64Array(CLASSES.length);
  // Each row's probabilities are a copy of this object (built key by key as the rows' once were), so they share its shape.
  const PROBABILITIES: Record<string, number> = {};
  for (let i = 0; i < CLASSES.length; i++) PROBABILITIES[CLASSES[i]] = 0;

  /** Puts one raw cell into the scratch arrays; returns the reader's message for a bad cell, else null. */
  function load(c: (typeof INPUTS)[number], cell: unknown): string | null {
    // A number in a numeric column is what the reader would answer: stored without the call, whose result would be boxed.
    if (typeof cell === 'number' && !c.text) {
      NUM[c.slot] = cell;
      return null;
    }
    const v = cells.read(cell, c);
    if (cells.error !== null) {
      const message = cells.error;
      cells.error = null;
      return message;
    }
    if (c.text) STR[c.slot] = v as string | null;
    else NUM[c.slot] = v as number;
    return null;
  }
  /** Runs the recipe and the model on the loaded cells: { label, probabilities } or { value }. */
  function finish(): RowPrediction {
    T.run();
    for (let i = 0; i < D; i++) X[i] = NUM[FEAT[i]];
    const out = forwardTrees ? forwardTrees() : forward();
    if (SPEC.task === 'regression') return { value: out[0] };
    if (out.length === 1) {
      P[0] = 1 - out[0];
      P[1] = out[0];
    } else for (let i = 0; i < P.length; i++) P[i] = out[i];
    let best = 0;
    for (let i = 1; i < P.length; i++) if (P[i] > P[best]) best = i;
    const probabilities: Record<string, number> = { ...PROBABILITIES };
    for (let i = 0; i < P.length; i++) probabilities[CLASSES[i]] = P[i];
    return { label: CLASSES[best], probabilities };
  }

  /** Scores one row object; returns { label, probabilities } / { value } or { error }. */
  function predictOne(row: unknown): RowPrediction {
    if (row === null || typeof row !== 'object') return { error: 'The row is ' + (row === null ? 'null' : typeof row) + ', not an object keyed by column name.' };
    const cellsOf = NESTED ? flat(row as Record<string, unknown>) : (row as Record<string, unknown>);
    for (let i = 0; i < INPUTS.length; i++) {
      const c = INPUTS[i];
      const cell = cellsOf[c.name];
      if (cell === undefined && !(c.name in cellsOf)) return { error: cells.missingColumn(c.name) };
      const message = load(c, cell);
      if (message !== null) return { error: message };
    }
    return finish();
  }

  /** Scores an array of row objects, one output per row in order. */
  function predict(rows: unknown[]): RowPrediction[] {
    if (!Array.isArray(rows)) throw new TypeError('predict(rows) takes an array of row objects; for one row call predictOne(row).');
    const out = new Array<RowPrediction>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = predictOne(rows[i]);
    return out;
  }

  /**
   * Scores rows given as lists of cells in the order of `columns` (pandas' split orientation, a CSV
   * body): each input's position is found once, so no row object is built or read by key. Same
   * answers as `predict` on the equivalent row objects; columns the model does not take are ignored.
   */
  function predictColumns(columns: string[], rows: unknown[][]): RowPrediction[] {
    if (!Array.isArray(columns) || !Array.isArray(rows)) throw new TypeError('predictColumns(columns, rows) takes a list of column names and a list of rows, each a list of cells in that order.');
    const at = new Int32Array(INPUTS.length);
    for (let i = 0; i < INPUTS.length; i++) at[i] = columns.indexOf(INPUTS[i].name);
    const out = new Array<RowPrediction>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const cellsOf = rows[r];
      let error: string | null = null;
      if (!Array.isArray(cellsOf) || cellsOf.length !== columns.length) {
        error = 'The row has ' + (Array.isArray(cellsOf) ? cellsOf.length : 'no list of') + ' cells; the columns list has ' + columns.length + '.';
      } else {
        for (let i = 0; i < INPUTS.length && error === null; i++) error = at[i] < 0 ? cells.missingColumn(INPUTS[i].name) : load(INPUTS[i], cellsOf[at[i]]);
      }
      out[r] = error === null ? finish() : { error };
    }
    return out;
  }

  /**
   * Scores `n` rows of numbers given row after row in `columns` order (`values[r * columns.length + j]`),
   * NaN for a missing value: the answers of predictColumns on the same rows with null for each NaN.
   */
  function predictNumbers(columns: string[], values: Float64Array, n: number): RowPrediction[] {
    const w = Array.isArray(columns) ? columns.length : -1;
    if (w < 0 || !(values instanceof Float64Array) || !(n >= 0) || values.length < n * w) throw new TypeError('predictNumbers(columns, values, n) takes a list of column names, a Float64Array of n rows of numbers in that order (NaN for missing) and n.');
    const at = new Int32Array(INPUTS.length);
    for (let i = 0; i < INPUTS.length; i++) at[i] = columns.indexOf(INPUTS[i].name);
    const out = new Array<RowPrediction>(n);
    for (let r = 0; r < n; r++) {
      let error: string | null = null;
      for (let i = 0; i < INPUTS.length; i++) {
        const c = INPUTS[i];
        if (at[i] < 0) {
          error = cells.missingColumn(c.name);
          break;
        }
        const v = values[r * w + at[i]];
        // As the cell reader reads a number or null: a text column takes the number's text.
        if (!c.text) NUM[c.slot] = v;
        else STR[c.slot] = v !== v ? null : String(v);
      }
      out[r] = error === null ? finish() : { error };
    }
    return out;
  }

  const meta = { task: SPEC.task, target: SPEC.target, classes: SPEC.classes || null, inputs: SPEC.inputs, featureNames: SPEC.featureNames, model: SPEC.name, version: SPEC.version };
  return { predict, predictOne, predictColumns, predictNumbers, meta };
}
