import { inputExamples } from '../../../../src/core/deploy/inputExamples';
/**
 * Every date shape training's reader supports, one CSV per family (a column holds one family), and
 * the same date columns read four ways: training (readTable → fitRecipe → transformRecipe),
 * scorer.mjs imported in Node, the demo page's inline scorer run as the page runs it, and ONNX input
 * preparation. The "model" is a linear identity layer over six features, read back as class
 * probabilities, so every feature the scorer computed is visible.
 */
import { runInNewContext } from 'node:vm';
import { demoPage, onnxInputs, scorerClassicScript, scorerModule, type PortableModel } from '../../../../src/core/deploy';
import { fitRecipe, transformRecipe, type FittedRecipe } from '../../../../src/core/recipe';
import { memorySource, readTable } from '../../../../src/core/table';
import { isNumeric, type NumericColumn } from '../../../../src/core/table/types';
import { importScorer, type ScorerModule } from './trainTiny';

/** Within 2^24 ms of this instant (01:00–07:39 on 1 May 2024 UTC) float32 holds `ms - CENTER` exactly. */
export const CENTER = Date.UTC(2024, 4, 1, 3);

/** By family: text values and the UTC instant each means (written out by hand, not by a parser). */
export const SHAPES: Record<'iso' | 'mdy' | 'dmy' | 'named', [string, number][]> = {
  iso: [
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['2024-05-01 06:30', Date.UTC(2024, 4, 1, 6, 30)],
    ['2024-05-01T06:30', Date.UTC(2024, 4, 1, 6, 30)],
    ['2024-05-01 06:30:15', Date.UTC(2024, 4, 1, 6, 30, 15)],
    ['2024-05-01T06:30:15.5', Date.UTC(2024, 4, 1, 6, 30, 15, 500)],
    ['2024-05-01T06:30:15.123Z', Date.UTC(2024, 4, 1, 6, 30, 15, 123)],
    ['2024-05-01T07:30:15+05:30', Date.UTC(2024, 4, 1, 2, 0, 15)],
    ['2024-04-30T22:15:00-0700', Date.UTC(2024, 4, 1, 5, 15)],
    ['2024-05-01T04:00:00+02', Date.UTC(2024, 4, 1, 2)],
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['1969-12-31', Date.UTC(1969, 11, 31)],
  ],
  mdy: [
    ['05/01/2024', Date.UTC(2024, 4, 1)],
    ['5/1/2024', Date.UTC(2024, 4, 1)],
    ['05/01/2024 06:30', Date.UTC(2024, 4, 1, 6, 30)],
    ['5/1/2024 01:02:03', Date.UTC(2024, 4, 1, 1, 2, 3)],
    ['05/01/2024 02:03:04.250', Date.UTC(2024, 4, 1, 2, 3, 4, 250)],
    ['12/31/2023 23:00', Date.UTC(2023, 11, 31, 23)],
    ['2/29/2024', Date.UTC(2024, 1, 29)],
  ],
  dmy: [
    ['01.05.2024', Date.UTC(2024, 4, 1)],
    ['1.5.2024', Date.UTC(2024, 4, 1)],
    ['01.05.2024 06:30', Date.UTC(2024, 4, 1, 6, 30)],
    ['1.5.2024 01:02:03', Date.UTC(2024, 4, 1, 1, 2, 3)],
    ['01.05.2024 02:03:04.75', Date.UTC(2024, 4, 1, 2, 3, 4, 750)],
    ['31.12.2023 23:00', Date.UTC(2023, 11, 31, 23)],
    ['29.02.2024', Date.UTC(2024, 1, 29)],
  ],
  // The month as a name, before or after the day (one family: the order is in the text).
  named: [
    ['May 01 2024', Date.UTC(2024, 4, 1)],
    ['May 1 2024 06:30', Date.UTC(2024, 4, 1, 6, 30)],
    ['1 May 2024', Date.UTC(2024, 4, 1)],
    ['01-May-2024 01:02:03', Date.UTC(2024, 4, 1, 1, 2, 3)],
    ['may 1 2024 02:03:04.250', Date.UTC(2024, 4, 1, 2, 3, 4, 250)],
    ['Dec. 31 2023 23:00', Date.UTC(2023, 11, 31, 23)],
    ['29 February 2024', Date.UTC(2024, 1, 29)],
    ['Sept 30 2023', Date.UTC(2023, 8, 30)],
  ],
};

export const CLASSES = ['year', 'month', 'day', 'weekday', 'hour', 'ms'];

/** Training's side: the CSV read by ingest, the recipe fitted, the features transformed. */
export async function trainOn(values: string[]): Promise<{ fitted: FittedRecipe; model: PortableModel; column: NumericColumn; X: Float32Array }> {
  const csv = 'at,at2,y\n' + values.map((v, i) => `${v},${v},${i}`).join('\n') + '\n';
  const { table } = await readTable(memorySource(csv, 'dates.csv'));
  const column = table.columns.find((c) => c.name === 'at')!;
  if (!isNumeric(column) || column.type !== 'datetime') throw new Error(`ingest read 'at' as ${column.type}`);
  const fitted = fitRecipe(table, {
    version: 1,
    target: 'y',
    task: 'regression',
    steps: [
      { kind: 'datetime', columns: ['at'], cyclic: false },
      { kind: 'scale', columns: ['at2'], method: 'standard' },
    ],
    split: { method: 'random', testFraction: 0.2, seed: 1 },
  });
  // Milliseconds from CENTER, so float32 keeps whole milliseconds near it.
  const steps = fitted.steps.map((s) => (s.kind === 'scale' ? { ...s, columns: [{ name: 'at2', center: CENTER, scale: 1 }] } : s));
  const trained = { ...fitted, steps };
  const { X } = transformRecipe(trained, table);
  const d = trained.featureNames.length;
  const kernel = new Float32Array(d * d);
  for (let i = 0; i < d; i++) kernel[i * d + i] = 1;
  const model: PortableModel = { task: 'multiclass', source: 'tf', plain: Array.from({ length: d }, (_, i) => i), embeddings: [], layers: [{ inputs: d, units: d, activation: 'linear', kernel, bias: new Float32Array(d) }] };
  return { fitted: { ...trained, task: 'multiclass', classes: CLASSES.slice(0, d) }, model, column, X };
}

/** scorer.mjs as a caller imports it. */
export async function moduleScorer(fitted: FittedRecipe, model: PortableModel, tag: string): Promise<ScorerModule> {
  return importScorer(scorerModule(fitted, model, { name: `dates-${tag}`, version: 1 }));
}

/** The demo page's inline scorer (what index.html runs when opened from disk), run in a fresh context of this process. */
export function demoScorer(fitted: FittedRecipe, model: PortableModel): ScorerModule {
  const html = demoPage('Dates', 'y', scorerClassicScript(fitted, model, { name: 'dates', version: 1 }), inputExamples(fitted));
  const inline = /<script>\n([\s\S]*?)\n<\/script>/.exec(html);
  if (!inline) throw new Error('index.html has no inline scorer');
  const page: { atob: typeof atob; ModelbenchScorer?: ScorerModule } = { atob };
  runInNewContext(inline[1], page);
  return page.ModelbenchScorer!;
}

/** The features a scorer computed for each row, in featureNames order (the identity model's probabilities). */
export function scoredFeatures(scorer: ScorerModule, rows: Record<string, unknown>[], names: string[]): number[][] {
  return scorer.predict(rows).map((p) => {
    if (!('probabilities' in p)) throw new Error(`refused: ${JSON.stringify(p)}`);
    return names.map((n) => p.probabilities[n]);
  });
}

/** ONNX input preparation's date feeds: epoch ms per row. */
export function onnxMs(fitted: FittedRecipe, rows: Record<string, unknown>[]): number[] {
  const prepared = onnxInputs(rows, fitted);
  if (prepared.errors.length) throw new Error(`onnxInputs refused ${JSON.stringify(prepared.errors[0])}`);
  const feed = prepared.feeds.at;
  return Array.from(feed.data as Float64Array);
}
