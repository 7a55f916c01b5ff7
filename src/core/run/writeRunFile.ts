/**
 * The one run format (`run.json` format 2 and its model files), written the same way by
 * `modelbench train` and by the studio's "Download as a CLI run": see `readRunFile` for the reader.
 */
import { explanationJson, explanationSummary, sliceJson } from '../explain';
import type { SliceReport } from '../evaluate';
import type { ModelExplanation } from '../models';
import type { FittedRecipe } from '../recipe';
import type { RunModel } from './runModel';
import type { RunTraining } from './runTraining';

/** Current `run.json` format. Format 1 (older `modelbench train`) is still read. */
export const RUN_FILE_FORMAT = 2;

/** A file a run trained or was tested on: `fingerprint` is `sha256:<hex>` of its bytes, as the studio computes it. */
export interface RunDataFile {
  name: string;
  rows: number;
  fingerprint: string | null;
  /** The path the CLI read it from. */
  file?: string;
}

/** The training file (and, for a run tested on a separate file, that file). */
export interface RunData extends RunDataFile {
  /** Reader format (`csv`, `parquet`…) and count of reading warnings, as the CLI saw them. */
  format?: string;
  warnings?: number;
  test?: RunDataFile;
}

/** Everything one run is; `training.result` is the experiment result without the model (null for versions registered before results were kept). */
export interface RunFileInput {
  /** ISO 8601. */
  createdAt: string;
  data: RunData | null;
  /** The backend it actually trained on (`cpu`, `wasm`, `webgl`…); null when not known. */
  backend: string | null;
  seed: number | null;
  spec: unknown;
  recipe: unknown;
  fitted: FittedRecipe;
  metrics: Record<string, number>;
  training: RunTraining;
  model: RunModel;
}

/** Fields of run.json read by scripts, each the result's own field (`fittedRecipe` is `fitted`). */
const AT_TOP: [top: string, key: string][] = [
  ['spec', 'spec'], ['options', 'options'], ['recipe', 'recipe'], ['fittedRecipe', 'fitted'], ['rows', 'rows'],
  ['metrics', 'metrics'], ['baselineMetrics', 'baselineMetrics'], ['comparison', 'comparison'], ['cv', 'cv'],
  ['history', 'history'], ['bestEpoch', 'bestEpoch'], ['report', 'report'], ['timings', 'timings'], ['leaderboard', 'leaderboard'],
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 1));

/** The readable view of a result at the top of run.json, as format 1 wrote it (explanation rounded, slices in words). */
function view(result: Record<string, unknown>, fitted: FittedRecipe) {
  const explanation = result.explanation as ModelExplanation | undefined;
  const slices = result.slices as SliceReport | undefined;
  return {
    ...(result.options === undefined ? {} : { options: result.options }),
    ...(result.rows === undefined ? {} : { rows: result.rows }),
    ...(result.baselineMetrics === undefined ? {} : { baselineMetrics: result.baselineMetrics }),
    ...(result.comparison === undefined ? {} : { comparison: result.comparison }),
    ...(result.cv ? { cv: result.cv } : {}),
    ...(explanation?.permutation ? { explanation: explanationJson(explanation), explanationSummary: explanationSummary(explanation, fitted.task) } : {}),
    ...(slices?.slices ? { slices: sliceJson(slices) } : {}),
    ...(result.history === undefined ? {} : { history: result.history, bestEpoch: result.bestEpoch ?? null }),
    ...(result.report === undefined ? {} : { report: result.report }),
    ...(result.timings === undefined ? {} : { timings: result.timings }),
    ...(result.leaderboard === undefined ? {} : { leaderboard: result.leaderboard }),
  };
}

/** The model's files under the names `modelbench train` has always used. */
function modelFiles(model: RunModel): { meta: Record<string, unknown>; files: Record<string, Uint8Array> } {
  if (model.kind === 'tf') {
    const { files, ...meta } = model;
    return { meta, files: { 'model.json': new TextEncoder().encode(files.modelJson), 'weights.bin': files.weights } };
  }
  if (model.kind === 'trees') return { meta: { kind: 'trees', modelKind: model.modelKind }, files: { 'trees.json': new TextEncoder().encode(JSON.stringify(model)) } };
  return { meta: { kind: 'baseline' }, files: { 'baseline.json': encode(model) } };
}

/**
 * A run as a run directory: `run.json` plus the model's files, by file name. The top of run.json
 * keeps every field format 1 had (metrics, timings, history, rows…); `training` is the exact record
 * the studio keeps, with the result fields already at the top listed in `resultAtTop` instead of
 * written twice.
 */
export function writeRunFile(input: RunFileInput): Record<string, Uint8Array> {
  const { training } = input;
  const { meta, files } = modelFiles(input.model);
  const top: Record<string, unknown> = {
    format: RUN_FILE_FORMAT,
    createdAt: input.createdAt,
    data: input.data,
    backend: input.backend,
    seed: input.seed,
    spec: input.spec,
    recipe: input.recipe,
    fittedRecipe: input.fitted,
    metrics: input.metrics,
    ...(training.result ? view(training.result, input.fitted) : {}),
  };
  let result: Record<string, unknown> | null = null;
  const resultAtTop: string[] = [];
  if (training.result) {
    result = { ...training.result };
    for (const [name, key] of AT_TOP) {
      if (key in result && same(top[name], result[key])) {
        delete result[key];
        resultAtTop.push(name);
      }
    }
  }
  const run = { ...top, training: { ...training, result, resultAtTop }, model: meta, modelFiles: Object.keys(files) };
  return { 'run.json': encode(run), ...files };
}

/** Where each field named in `resultAtTop` goes back in the result. */
export const RESULT_KEY_OF: ReadonlyMap<string, string> = new Map(AT_TOP);
