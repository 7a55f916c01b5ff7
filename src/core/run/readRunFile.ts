import type { ExplanationSummary, SliceReportJson } from '../explain';
import type { FittedRecipe } from '../recipe';
import { storedSummaries } from './storedSummaries';
import { RunFileError } from './runFileError';
import { jsonFile, studioFiles, type RunModel } from './runModel';
import { RUN_TRAINING_FORMAT, type MissingPart, type RunTraining } from './runTraining';
import { RESULT_KEY_OF, RUN_FILE_FORMAT, type RunData } from './writeRunFile';

/** A run read back from its directory, in the shapes the studio keeps. */
export interface RunFile {
  /** The run.json format it was read from: 1 (older `modelbench train`) or 2. */
  format: 1 | 2;
  createdAt: string | null;
  data: RunData | null;
  backend: string | null;
  seed: number | null;
  spec: Record<string, unknown>;
  recipe: unknown;
  fitted: FittedRecipe;
  metrics: Record<string, number>;
  /** Split, training profile, baseline metrics and the whole result, each absent part named in `training.missing`. */
  training: RunTraining;
  model: RunModel;
  /** The model's files under the names the studio's registry stores (`fitted-recipe.json`, `model-meta.json`…). */
  studioFiles: Record<string, Uint8Array>;
  /** Importance and weakest slices for a model card (a format-1 file keeps them only in this form). */
  summaries: { explanation?: ExplanationSummary; slices?: SliceReportJson };
}

type Json = Record<string, unknown>;

const numbers = (v: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries((v ?? {}) as Json).filter((e): e is [string, number] => typeof e[1] === 'number'));

/** What a format-1 run.json lacks, said once for every reader (import, export, compare). */
const FORMAT_1_MISSING: MissingPart[] = [
  { part: 'split', reason: 'This run was written by an older modelbench train (run.json format 1), which did not record its training file\'s fingerprint: its split cannot be tied to a file, so comparisons use a file you pick. Train it again to record it.' },
  { part: 'profile', reason: 'This run was written by an older modelbench train (run.json format 1), which kept no training profile: drift cannot be measured against its training data.' },
  { part: 'result', reason: 'This run was written by an older modelbench train (run.json format 1): its explanation is kept rounded to 4 significant digits and its slices only in words, so its stored result has no slice metrics.' },
];

/** The model of a format-1 directory, told apart by the files it lists. */
function format1Model(files: Record<string, Uint8Array>, run: Json, fitted: FittedRecipe, where: string): RunModel {
  const listed = (run.modelFiles ?? []) as string[];
  if (listed.includes('trees.json')) return jsonFile(files, 'trees.json', where);
  if (listed.includes('baseline.json')) return jsonFile(files, 'baseline.json', where);
  return networkOf(files, { modelKind: String((run.spec as Json | undefined)?.kind ?? 'mlp'), task: fitted.task, numClasses: fitted.classes?.length ?? 1, ...embeddingsOf(files, fitted) }, where);
}

function embeddingsOf(files: Record<string, Uint8Array>, fitted: FittedRecipe) {
  const json = files['model.json'] ? new TextDecoder().decode(files['model.json']) : '';
  return json.includes('"Embedding"') && fitted.embeddings.length ? { embeddings: fitted.embeddings } : {};
}

function networkOf(files: Record<string, Uint8Array>, meta: Omit<Extract<RunModel, { kind: 'tf' }>, 'kind' | 'files'>, where: string): RunModel {
  for (const name of ['model.json', 'weights.bin']) {
    if (!files[name]) throw new RunFileError(`${where} has no ${name}; its network cannot be loaded without it. Copy the whole folder written by \`modelbench train --out DIR\`.`);
  }
  return { kind: 'tf', ...meta, files: { modelJson: new TextDecoder().decode(files['model.json']), weights: files['weights.bin'] } };
}

function format2Model(files: Record<string, Uint8Array>, meta: Json | undefined, where: string): RunModel {
  if (meta?.kind === 'tf') return networkOf(files, meta as Omit<Extract<RunModel, { kind: 'tf' }>, 'kind' | 'files'>, where);
  if (meta?.kind === 'trees') return jsonFile(files, 'trees.json', where);
  if (meta?.kind === 'baseline') return jsonFile(files, 'baseline.json', where);
  throw new RunFileError(`${where} holds a model of kind "${String(meta?.kind)}", which this version of Modelbench cannot load; update Modelbench or train the model again.`);
}

/** The exact record format 2 keeps, with the result fields that were written only at the top put back. */
function format2Training(run: Json): RunTraining {
  const stored = run.training as (RunTraining & { resultAtTop?: string[] }) | undefined;
  if (!stored || typeof stored !== 'object' || !Array.isArray(stored.missing)) throw new RunFileError('run.json (format 2) has no training record; the file is damaged. Copy it again from the folder written by `modelbench train`.');
  const { resultAtTop = [], ...training } = stored;
  if (!training.result) return training;
  const result = { ...training.result };
  for (const name of resultAtTop) result[RESULT_KEY_OF.get(name) ?? name] = run[name];
  return { ...training, result };
}

/** The record of a format-1 run: its baseline metrics and result come from the top of run.json; what it never kept is named. */
function format1Training(run: Json, fitted: FittedRecipe): RunTraining {
  const { createdAt: _c, version: _v, input: _i, backend: _b, fittedRecipe: _f, modelFiles: _m, leaderboard: _l, explanationSummary: _e, slices: _s, ...rest } = run;
  return {
    format: RUN_TRAINING_FORMAT,
    split: null,
    profile: null,
    baselineMetrics: run.baselineMetrics ? numbers(run.baselineMetrics) : null,
    result: { ...rest, fitted },
    missing: FORMAT_1_MISSING,
  };
}

function format1Data(run: Json): RunData | null {
  const input = run.input as { file?: string; rows?: number; format?: string; warnings?: number; test?: string; testRows?: number } | undefined;
  if (!input?.file) return null;
  const name = (path: string) => path.split(/[\\/]/).pop() ?? path;
  return {
    name: name(input.file), file: input.file, rows: input.rows ?? 0, fingerprint: null,
    ...(input.format ? { format: input.format } : {}),
    ...(input.warnings === undefined ? {} : { warnings: input.warnings }),
    ...(input.test ? { test: { name: name(input.test), file: input.test, rows: input.testRows ?? 0, fingerprint: null } } : {}),
  };
}

/**
 * Reads a run directory (file name → bytes) written by `writeRunFile`, or by an older
 * `modelbench train` (format 1: what it lacks is named in `training.missing`, never made up).
 * `where` names the directory in messages. Throws `RunFileError` saying what is wrong and what to do.
 */
export function readRunFile(files: Record<string, Uint8Array>, where = 'This run folder'): RunFile {
  if (!files['run.json']) throw new RunFileError(`${where} has no run.json. Choose the folder \`modelbench train --out DIR\` wrote (run.json and the model files), or a zip of it.`);
  const run = jsonFile<Json>(files, 'run.json', where);
  const format = run.format ?? (run.version === 1 ? 1 : undefined);
  if (format !== 1 && format !== RUN_FILE_FORMAT) {
    throw new RunFileError(typeof format === 'number' && format > RUN_FILE_FORMAT
      ? `run.json in ${where} is format ${format}, newer than this version of Modelbench reads (${RUN_FILE_FORMAT}); update Modelbench.`
      : `run.json in ${where} is not a run written by modelbench train (it names no format). Choose the folder \`modelbench train --out DIR\` wrote.`);
  }
  const fitted = run.fittedRecipe as FittedRecipe | undefined;
  if (!fitted?.featureNames || !fitted.inputSchema) throw new RunFileError(`run.json in ${where} has no fitted recipe, so its model cannot score anything; the file is damaged or was not written by modelbench train.`);
  const spec = (run.spec ?? {}) as Json;
  const model = format === 1 ? format1Model(files, run, fitted, where) : format2Model(files, run.model as Json | undefined, where);
  const common = { createdAt: typeof run.createdAt === 'string' ? run.createdAt : null, spec, recipe: run.recipe, fitted, metrics: numbers(run.metrics), model, studioFiles: studioFiles(fitted, model) };
  if (format === 1) {
    const summaries = { ...(run.explanationSummary ? { explanation: run.explanationSummary as ExplanationSummary } : {}), ...(run.slices ? { slices: run.slices as SliceReportJson } : {}) };
    return { format: 1, ...common, data: format1Data(run), backend: typeof run.backend === 'string' ? run.backend : null, seed: typeof spec.seed === 'number' ? spec.seed : null, training: format1Training(run, fitted), summaries };
  }
  const training = format2Training(run);
  const data = (run.data ?? null) as RunData | null;
  return { format: 2, ...common, data, backend: (run.backend ?? null) as string | null, seed: (run.seed ?? null) as number | null, training, summaries: storedSummaries(training.result, fitted.task) };
}
