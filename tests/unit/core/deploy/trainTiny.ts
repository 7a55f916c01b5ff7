/**
 * Test helpers: tiny models trained on the bundled samples (CPU backend, few epochs), the rows
 * of a table as plain objects, and scorer.mjs imported through a data: URL.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { layersFiles, runExperiment, useBackend, type ExperimentResult, type ModelSpec } from '../../../../src/core/models';
import { proposeRecipe, type Recipe } from '../../../../src/core/recipe';
import { isNumeric, type Table } from '../../../../src/core/table/types';
import type { LayersFiles } from '../../../../src/core/models';
import { tableOf } from '../recipe/tableOf';
import type { OnnxFeed } from '../../../../src/core/deploy';

export { penguins, breastCancer, tableOf } from '../recipe/tableOf';

const samples = fileURLToPath(new URL('../../../../public/samples/', import.meta.url));

/** public/samples/cars.json with `Year` as a datetime column. */
export function cars(): Table {
  const rows = JSON.parse(readFileSync(samples + 'cars.json', 'utf8')) as Record<string, number | string | null>[];
  const names = Object.keys(rows[0]);
  return tableOf(Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n] ?? null)])), { Year: 'datetime' }, 'cars');
}

/** A crafted table: a datetime with hours, a skewed positive column, a category with a rare level, a boolean. */
export function crafted(n = 240): Table {
  const start = Date.UTC(1999, 11, 25, 3);
  const when = Array.from({ length: n }, (_, i) => (i % 17 === 0 ? null : new Date(start + i * 37 * 3_600_000 + (i % 5) * 86_400_000 * 31).toISOString()));
  const amount = Array.from({ length: n }, (_, i) => (i % 23 === 0 ? null : Math.exp((i % 13) / 3) - 0.5));
  const city = Array.from({ length: n }, (_, i) => (i % 19 === 0 ? null : ['Oslo', 'Lima', 'Pune', 'Oslo', 'Kyiv', 'Lima'][i % 6] + (i === 7 ? '-rare' : '')));
  const flag = Array.from({ length: n }, (_, i) => i % 3 === 0);
  const y = Array.from({ length: n }, (_, i) => ((i % 6) + (i % 4 === 0 ? 1 : 0) > 2 ? 'hi' : 'lo'));
  return tableOf({ when, amount, city, flag, y }, { when: 'datetime' }, 'crafted');
}

export interface Tiny {
  result: ExperimentResult;
  files: LayersFiles | null;
}

export async function trainTiny(table: Table, target: string, spec: ModelSpec, edit?: (r: Recipe) => Recipe): Promise<Tiny> {
  await useBackend('cpu');
  const proposed = proposeRecipe(table, undefined, target);
  const recipe = edit ? edit(proposed) : proposed;
  const result = await runExperiment(table, recipe, spec);
  const files = result.model.kind === 'tf' ? await layersFiles(result.model) : null;
  return { result, files };
}

/** Rows as plain objects the way a caller would send them: numbers, strings, booleans, ISO datetimes, null. */
export function rowsOf(table: Table): Record<string, unknown>[] {
  return Array.from({ length: table.rowCount }, (_, r) => {
    const row: Record<string, unknown> = {};
    for (const c of table.columns) {
      if (isNumeric(c)) {
        const v = c.values[r];
        row[c.name] = Number.isNaN(v) ? null : c.type === 'boolean' ? v === 1 : c.type === 'datetime' ? new Date(v).toISOString() : v;
      } else row[c.name] = c.codes[r] < 0 ? null : c.dictionary[c.codes[r]];
    }
    return row;
  });
}

export interface ScorerModule {
  predict(rows: unknown[]): ({ label: string; probabilities: Record<string, number> } | { value: number } | { error: string })[];
  predictOne(row: unknown): { label: string; probabilities: Record<string, number> } | { value: number } | { error: string };
  meta: { task: string; classes: string[] | null; inputs: { name: string; type: string }[] };
}

export async function importScorer(source: string): Promise<ScorerModule> {
  return (await import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as ScorerModule;
}

/** Runs model.onnx with onnxruntime-web (its WASM build, in Node). */
export async function runOnnx(bytes: Uint8Array, feeds: Record<string, OnnxFeed>): Promise<Record<string, { data: unknown; dims: readonly number[] }>> {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes);
  const tensors = Object.fromEntries(Object.entries(feeds).map(([k, f]) => [k, new ort.Tensor(f.type, f.data, f.dims)]));
  const out = await session.run(tensors);
  await session.release();
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, { data: t.data, dims: t.dims }]));
}
