import type { FittedRecipe } from '../recipe';
import { familyOfPattern } from '../table';
import { isNumeric, type Column, type NumericColumn, type StringColumn, type Table } from '../table';
import type { RowPrediction } from './types';
import { nextTask } from '../eventLoop';

/** Anything with scorer.mjs's `predict(rows)`: the imported module, or a wrapper around a worker. */
export interface RowScorer {
  predict(rows: Record<string, unknown>[]): RowPrediction[] | Promise<RowPrediction[]>;
}

export interface ScoreTableOptions {
  /** Rows per `predict` call. Default 10,000. */
  chunk?: number;
  /** Called after each chunk with rows done and total. */
  onProgress?(done: number, total: number): void;
  /** Aborting rejects with a DOMException named `AbortError` between chunks. */
  signal?: AbortSignal;
}

export interface ScoredTable {
  /** The input columns followed by `prediction` (or `predicted_<target>` when that name is taken), `p_<class>` per class and `error`. */
  table: Table;
  scored: number;
  refused: number;
}

function freeName(taken: Set<string>, name: string): string {
  let out = name;
  for (let i = 2; taken.has(out); i++) out = `${name}_${i}`;
  taken.add(out);
  return out;
}

/** Row r of a table as a plain object (numbers, booleans, epoch ms for datetimes, strings, null). */
function rowReader(table: Table): (r: number) => Record<string, unknown> {
  return (r) => {
    const row: Record<string, unknown> = {};
    for (const c of table.columns) {
      if (isNumeric(c)) {
        const v = c.values[r];
        row[c.name] = v !== v ? null : c.type === 'boolean' ? v === 1 : v;
      } else row[c.name] = c.codes[r] < 0 ? null : c.dictionary[c.codes[r]];
    }
    return row;
  };
}

/**
 * Date columns this file writes in another family than training did (say MM/DD/YYYY where the
 * model learned DD.MM.YYYY), with the message their rows are refused with. The file was read by
 * training's own date reader, so its instants follow training's rules; but the recorded format
 * says the data is written differently, so the rows are refused rather than silently read another way.
 */
function dateMismatches(table: Table, inputs: FittedRecipe['inputSchema']): { values: Float64Array; message: string }[] {
  return inputs.flatMap((input) => {
    const c = table.columns.find((col) => col.name === input.name);
    if (input.type !== 'datetime' || !input.format || !c || !isNumeric(c) || c.type !== 'datetime' || !c.format) return [];
    const want = familyOfPattern(input.format);
    if (want === null || familyOfPattern(c.format) === want) return [];
    return [{ values: c.values, message: `Column '${c.name}' holds dates written ${c.format} in this file, but the model was trained on dates written ${input.format}; rewrite the column in that shape and score again.` }];
  });
}

/**
 * Scores every row of `table` in chunks and appends the predictions. Rows are built as plain
 * objects a chunk at a time, so memory stays bounded by the chunk, not the table (1M rows is fine).
 */
export async function scoreTable(table: Table, scorer: RowScorer, preprocess: Pick<FittedRecipe, 'task' | 'classes' | 'target'> & Partial<Pick<FittedRecipe, 'inputSchema'>>, options: ScoreTableOptions = {}): Promise<ScoredTable> {
  const n = table.rowCount;
  const chunk = Math.max(1, options.chunk ?? 10_000);
  const classes = preprocess.classes ?? [];
  const regression = preprocess.task === 'regression';
  const values = new Float64Array(regression ? n : 0).fill(NaN);
  const labelCodes = new Int32Array(regression ? 0 : n).fill(-1);
  const probs = classes.map(() => new Float64Array(n).fill(NaN));
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const errorCodes = new Int32Array(n).fill(-1);
  const errors: string[] = [];
  const errorIndex = new Map<string, number>();
  const read = rowReader(table);
  const mismatched = dateMismatches(table, preprocess.inputSchema ?? []);
  /** The refusal of row r for a date written in another family (a missing cell is no date), or null. */
  const mismatch = (r: number) => mismatched.find((m) => m.values[r] === m.values[r])?.message ?? null;
  let refused = 0;
  for (let start = 0; start < n; start += chunk) {
    if (options.signal?.aborted) throw new DOMException('Scoring was cancelled.', 'AbortError');
    const end = Math.min(n, start + chunk);
    const indices: number[] = [];
    const early: RowPrediction[] = [];
    for (let r = start; r < end; r++) {
      const message = mismatched.length ? mismatch(r) : null;
      if (message === null) indices.push(r);
      else early[r - start] = { error: message };
    }
    const scored = await scorer.predict(indices.map(read));
    const out = early.length ? indices.reduce((all, r, i) => ((all[r - start] = scored[i]), all), early) : scored;
    out.forEach((p, i) => {
      const r = start + i;
      if ('error' in p) {
        let code = errorIndex.get(p.error);
        if (code === undefined) errorIndex.set(p.error, (code = errors.push(p.error) - 1));
        errorCodes[r] = code;
        refused++;
      } else if ('value' in p) values[r] = p.value;
      else {
        labelCodes[r] = classIndex.get(p.label) ?? -1;
        classes.forEach((c, j) => (probs[j][r] = p.probabilities[c]));
      }
    });
    options.onProgress?.(end, n);
    // Let progress messages and abort signals through between chunks.
    await nextTask();
  }
  const taken = new Set(table.columns.map((c) => c.name));
  const added: Column[] = [];
  const prediction = freeName(taken, taken.has('prediction') ? `predicted_${preprocess.target}` : 'prediction');
  if (regression) added.push({ name: prediction, type: 'float', inferredType: 'float', values } satisfies NumericColumn);
  else {
    added.push({ name: prediction, type: 'categorical', inferredType: 'categorical', codes: labelCodes, dictionary: [...classes] } satisfies StringColumn);
    classes.forEach((c, j) => added.push({ name: freeName(taken, `p_${c}`), type: 'float', inferredType: 'float', values: probs[j] }));
  }
  added.push({ name: freeName(taken, 'error'), type: 'text', inferredType: 'text', codes: errorCodes, dictionary: errors });
  return { table: { ...table, columns: [...table.columns, ...added] }, scored: n - refused, refused };
}
