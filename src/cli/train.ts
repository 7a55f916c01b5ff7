/**
 * `modelbench train <file> --target COL [--test FILE] [--recipe recipe.json]
 *  [--model baseline|linear|logistic|mlp|gbdt|forest|auto] [--<option> VALUE …] [--drop COL[,COL…]] [--seed N] [--cv K] [--group COL | --time COL] [--backend wasm|cpu]
 *  [--format json|table] [--quiet] --out DIR`
 *
 * Writes DIR/run.json in the run format the studio shares (`writeRunFile`: recipe, fitted recipe,
 * split tied to the file's fingerprint, drift profile, metrics, timings, backend) and the model
 * (TF.js layers format: model.json + weights.bin; trees as trees.json; the baseline as baseline.json), then prints
 * the test metrics as one JSON line (or a table). Without --model it trains the studio's one-click
 * default on the recipe the studio proposes, so the same file and seed give the same model in both.
 * Shows progress on stderr when it is a terminal.
 */
import { setGradientHelperFactory } from '../core/models/network';
import { nodeGradientHelper } from './gradientHelper';
import { setHistogramHelperFactory } from '../core/models/trees';
import { nodeHistogramHelper, prestartHistogramHelper } from './treeHelper';
import { readFlags } from './flags';
import { readFile } from 'node:fs/promises';
import { disposeModel, MODELS, resolveOptions, TrainingError, type OptionValue, randomSearch, runExperiment, useBackend, type BackendName, type LeaderboardEntry, type ModelKind, type ModelSpec } from '../core/models';
import { parseRecipe, proposeRecipe, RecipeError, suggestGroupColumn, suggestTimeSplit, toProfileLike, type Recipe } from '../core/recipe';
import { writeRunDirectory } from './runDirectory';
import { readTableFile } from './readTableFile';
import { profileTable } from '../core/profile';
import { backendWords, defaultSpec, DEFAULT_KIND, DEFAULT_SEED } from '../core/models/catalog';
import { clearOnError, createProgress, profileProgress, trainProgress, type Progress } from './progress';
import { plural } from '../core/format';
import type { Table } from '../core/table';
import { outputFormat, trainTable, type OutputFormat } from './metricsTable';
import { baselineMargin } from '../core/evaluate';
import { rowsSentence } from '../core/explain';
import { IMAGE_TARGET, imageFeaturesFile, isImageInputSync } from './imageInput';
import { isPixelScale, loadExtractorFile, SCALE_WORDS } from './extractorInput';
import { PIXEL_SCALES, type Extractor, type PixelScale } from '../core/image/extractor';
import { FEATURE_TYPES } from '../core/image';
import { CNN_USAGE, trainCnnCommand, wantsCnn } from './trainCnn';
import { leakageNotes, readDropFlag, withDrops } from './dropColumns';

interface TrainArgs {
  file: string;
  target: string;
  test?: string;
  recipe?: string;
  model: ModelKind | 'auto';
  /** Model options given as flags (`--rounds 300`), checked against the model's meta. */
  options: Record<string, OptionValue>;
  seed: number;
  cv?: number;
  /** Group split (and group k-fold) on this column: all rows of a value stay on one side. */
  group?: string;
  /** Time split on this datetime column: the latest rows are the test rows. */
  time?: string;
  backend: BackendName;
  out: string;
  format: OutputFormat;
  /** No progress line on stderr, even on a terminal. */
  quiet: boolean;
  /** An image dataset's features come from this TF.js model.json or ONNX model, with pixels scaled so. */
  extractor?: { path: string; scale: PixelScale };
  /** Columns left out of the recipe (`--drop a,b`). */
  drop: string[];
}

const KINDS = Object.keys(MODELS).join('|');
/** Every option name of every model kind: each is also a flag (`--learningRate 0.05`). */
const OPTION_FLAGS = [...new Set(Object.values(MODELS).flatMap((m) => m.options.map((o) => o.name)))];
export const USAGE = `Usage: modelbench train <file> --target COL (or <image folder|zip>, whose target is the class, [--extractor model.json|model.onnx [--extractor-scale unit|signed|bytes]]) [--test FILE|FOLDER|ZIP] [--recipe recipe.json] [--model ${KINDS}|auto] [--<option> VALUE …] [--drop COL[,COL…]] [--seed N] [--cv K] [--group COL | --time COL] [--backend wasm|cpu] [--format json|table] [--quiet] --out DIR\n       ${CNN_USAGE.replace('Usage: ', '')}`;

class UsageError extends Error {}

export function parseTrainArgs(argv: string[]): TrainArgs {
  let read;
  try {
    // The usage line is printed once by `train`, after the message.
    read = readFlags(argv, ['target', 'test', 'recipe', 'model', 'seed', 'cv', 'group', 'time', 'backend', 'out', 'format', 'extractor', 'extractor-scale', 'drop', ...OPTION_FLAGS], '', ['quiet']);
  } catch (e) {
    throw new UsageError((e as Error).message.trim());
  }
  const { flags, switches, positional } = read;
  if (positional.length !== 1) throw new UsageError(positional.length ? `Expected one input file, got ${positional.join(', ')}.` : 'Name the input file.');
  // An image folder or zip trains on its features table, whose target is the images' class.
  const images = isImageInputSync(positional[0]);
  if (!flags.target && !images) throw new UsageError('--target COL is required: the column to predict.');
  if (!flags.out) throw new UsageError('--out DIR is required: where run.json and the model go.');
  if (flags.extractor && !images) throw new UsageError(`--extractor computes the features of images: give an image folder or zip, not ${positional[0]}.`);
  if (flags['extractor-scale'] && !flags.extractor) throw new UsageError('--extractor-scale goes with --extractor MODEL.');
  const scale = flags['extractor-scale'] ?? 'unit';
  if (!isPixelScale(scale)) throw new UsageError(`--extractor-scale ${scale} is not one of ${SCALE_WORDS}.`);
  const model = (flags.model ?? DEFAULT_KIND) as TrainArgs['model'];
  if (model !== 'auto' && !(model in MODELS)) throw new UsageError(`--model ${model} is not one of ${KINDS.replaceAll('|', ', ')}, auto.`);
  const options = modelOptions(model, flags);
  const integer = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new UsageError(`--${name} ${v} must be a whole number.`);
    return Number(v);
  };
  const backend = (flags.backend ?? 'wasm') as BackendName;
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend ${backend} must be wasm or cpu.`);
  const cv = integer('cv', flags.cv);
  const drop = readDropFlag(flags.drop, flags.target ?? IMAGE_TARGET);
  if (!Array.isArray(drop)) throw new UsageError(drop.error);
  if (flags.group && flags.time) throw new UsageError('--group and --time choose different splits (whole groups, or the latest rows); pass one of them.');
  let format: OutputFormat;
  try {
    format = outputFormat(flags.format, '');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return {
    file: positional[0],
    target: flags.target ?? IMAGE_TARGET,
    model,
    options,
    seed: integer('seed', flags.seed) ?? DEFAULT_SEED,
    backend,
    out: flags.out,
    format,
    quiet: switches.has('quiet'),
    drop,
    ...(flags.test ? { test: flags.test } : {}),
    ...(flags.recipe ? { recipe: flags.recipe } : {}),
    ...(cv !== undefined ? { cv } : {}),
    ...(flags.group ? { group: flags.group } : {}),
    ...(flags.time ? { time: flags.time } : {}),
    ...(flags.extractor ? { extractor: { path: flags.extractor, scale } } : {}),
  };
}

/** Reads the option flags of the chosen model, typed by its meta; options of other kinds are an error. */
function modelOptions(model: ModelKind | 'auto', flags: Record<string, string | undefined>): Record<string, OptionValue> {
  const given = OPTION_FLAGS.filter((name) => flags[name] !== undefined);
  if (given.length === 0) return {};
  if (model === 'auto') throw new UsageError(`--${given[0]} sets an option of one model kind; choose the kind with --model (the search picks options itself).`);
  const meta = MODELS[model];
  const out: Record<string, OptionValue> = {};
  for (const name of given) {
    const o = meta.options.find((x) => x.name === name);
    if (!o) throw new UsageError(`--${name} is not an option of ${meta.label}; its options are ${meta.options.map((x) => `--${x.name}`).join(', ') || 'none'}.`);
    const v = flags[name]!;
    if (o.type === 'boolean') {
      if (v !== 'true' && v !== 'false') throw new UsageError(`--${name} ${v} must be true or false.`);
      out[name] = v === 'true';
    } else if (o.type === 'choice') out[name] = v;
    else {
      const num = Number(v);
      if (v.trim() === '' || !Number.isFinite(num)) throw new UsageError(`--${name} ${v} must be a number.`);
      out[name] = num;
    }
  }
  resolveOptions(meta, out);
  return out;
}

/** The spec `args` ask for: without --model or options, the studio's one-click spec. */
export function trainSpec(args: Pick<TrainArgs, 'model' | 'options' | 'seed'>): ModelSpec {
  return { ...defaultSpec(args.seed), kind: args.model === 'auto' ? DEFAULT_KIND : args.model, options: args.options };
}

async function loadRecipe(path: string, target: string): Promise<Recipe> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`Cannot read recipe ${path}: ${(e as Error).message}. Pass a JSON file like the "recipe" in a run.json.`);
  }
  const recipe = parseRecipe(json, path);
  if (recipe.target !== target) throw new UsageError(`Recipe ${path} predicts '${recipe.target}' but --target is '${target}'; make them agree.`);
  return recipe;
}

export async function trainCommand(argv: string[]): Promise<number> {
  try {
    return await train(argv);
  } catch (e) {
    // Problems with the inputs are reported as their message alone; anything else is a bug and keeps its stack.
    if (e instanceof RecipeError || e instanceof TrainingError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}

async function train(argv: string[]): Promise<number> {
  // The convolutional network trains on the images themselves, not on a table: its own command.
  if (wantsCnn(argv)) return trainCnnCommand(argv);
  let args: TrainArgs;
  try {
    args = parseTrainArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const started = Date.now();
  const backend = await useBackend(args.backend);
  setGradientHelperFactory(nodeGradientHelper);
  setHistogramHelperFactory(nodeHistogramHelper);
  prestartHistogramHelper();
  const progress = createProgress({ quiet: args.quiet });
  // An image folder's features file keeps its class names as names, as the studio reads it.
  const read = (file: string, given: string) => readTableFile(file, file === given ? { progress } : { progress, typeOverrides: { ...FEATURE_TYPES } });
  /**
   * The test file is read with the training file's column types, so one stray value ("unknown" in
   * an age column) becomes a missing value, said so, instead of turning the column into text that
   * the fitted recipe then refuses.
   */
  const readTestFile = (file: string, train: Table, shown: Progress) =>
    readTableFile(file, {
      progress: shown,
      typeOverrides: Object.fromEntries(train.columns.map((c) => [c.name, c.type])),
      warn: (line, w) => console.error(w.code === 'type-override' && w.column ? `warning: ${file}: ${plural(w.count ?? 0, 'value')} in column "${w.column}" ${w.count === 1 ? 'is' : 'are'} not ${train.columns.find((c) => c.name === w.column)?.type}, the column's type in the training file, so ${w.count === 1 ? 'it was' : 'they were'} read as missing.` : line),
    });
  let extractor: Extractor | undefined;
  if (args.extractor) {
    const { path, scale } = args.extractor;
    extractor = await clearOnError(progress, () => loadExtractorFile(path, scale));
    console.error(`${extractor.name}: ${extractor.dims} features per image, from ${extractor.width} × ${extractor.height} ${extractor.channels === 1 ? 'grey' : 'colour'} pixels scaled ${PIXEL_SCALES[scale]}.${extractor.note ? ` ${extractor.note}` : ''}`);
  }
  let dataPath: string, testPath: string | undefined;
  try {
    dataPath = await clearOnError(progress, () => imageFeaturesFile(args.file, args.out, 'features.csv', progress, extractor));
    testPath = args.test ? await clearOnError(progress, () => imageFeaturesFile(args.test!, args.out, 'test-features.csv', progress, extractor)) : undefined;
  } finally {
    extractor?.dispose();
  }
  const input = await read(dataPath, args.file);
  const testInput = testPath ? await readTestFile(testPath, input.table, progress) : undefined;
  const readMs = Date.now() - started;
  let recipe: Recipe;
  let leaks: string[] = [];
  try {
    if (args.recipe) recipe = await loadRecipe(args.recipe, args.target);
    else {
      // Proposed from the profile's column types, as the studio does, so both start from the same recipe.
      // Profiled with the target (if the file has it: proposeRecipe names a missing one) to name leaking columns.
      const target = input.table.columns.some((c) => c.name === args.target) ? args.target : undefined;
      const report = profileTable(input.table, { parseMs: input.meta.parseMs, target }, profileProgress(progress));
      recipe = proposeRecipe(input.table, toProfileLike(report), args.target);
      leaks = leakageNotes(report, args.drop);
    }
    const dropped = withDrops(recipe, input.table, args.drop, args.file);
    if ('error' in dropped) throw new UsageError(dropped.error);
    recipe = dropped;
  } catch (e) {
    progress.clear();
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message);
    return 2;
  }
  recipe = { ...recipe, split: { ...recipe.split, seed: args.seed, ...(args.group ? { method: 'group' as const, groupColumn: args.group } : {}), ...(args.time ? { method: 'time' as const, timeColumn: args.time } : {}) } };
  const own = args.test || recipe.split.method === 'group' || recipe.split.method === 'time';
  const panel = own ? null : suggestGroupColumn(input.table, args.target);
  const timeline = own || panel ? null : suggestTimeSplit(input.table, args.target);
  progress.clear();
  for (const line of leaks) console.error(line);
  if (panel) console.error(`Note: ${panel.reason} Pass --group ${panel.column} to keep each ${panel.column}'s rows together.`);
  if (timeline) console.error(`Note: ${timeline.reason} Pass --time ${timeline.column} to do so.`);
  let leaderboard: LeaderboardEntry[] | undefined;
  let spec = trainSpec(args);
  if (args.model === 'auto') {
    // A minute in all, the final fit included: boosting first (the usual winner), then the quick and the slow alternatives.
    const trials = 8;
    progress.phase('Searching for a model');
    leaderboard = await clearOnError(progress, () => randomSearch(input.table, recipe, { trials, maxMinutes: 1, reserveRefit: true, seed: args.seed, onTrial: (_, i) => progress.tick(`trial ${i + 1} of ${trials}`, (i + 1) / trials) }));
    spec = leaderboard[0].spec;
  }
  progress.phase('Preparing the data');
  let result;
  try {
    result = await runExperiment(input.table, recipe, spec, trainProgress(progress, spec), {
      ...(testInput ? { testTable: testInput.table } : {}),
      crossValidate: args.cv ?? true,
    });
  } finally {
    progress.clear();
  }
  // Trees train in plain JavaScript whatever TF.js backend was started.
  const usedBackend = spec.kind === 'gbdt' || spec.kind === 'forest' ? 'cpu' : backend;
  try {
    await writeRunDirectory(result, {
      out: args.out,
      data: { path: dataPath, table: input.table, format: input.meta.format, warnings: input.warnings.length },
      ...(testInput ? { test: { path: testPath!, table: testInput.table, format: testInput.meta.format, warnings: testInput.warnings.length } } : {}),
      backend: usedBackend,
      ...(leaderboard ? { leaderboard } : {}),
      started,
      readMs,
    });
    if (args.format === 'table') console.log(trainTable({ model: MODELS[spec.kind].label, task: recipe.task, backend: backendWords(spec.kind, usedBackend as BackendName), metrics: result.metrics, baselineMetrics: result.baselineMetrics, comparison: result.comparison, rows: result.rows }));
    else {
      const { missingTarget, unseenClass, removedByRowSteps } = result.rows;
      // The JSON line has no room for it: say on stderr when rows were left out.
      if (missingTarget || unseenClass || removedByRowSteps) console.error(`note: ${rowsSentence(result.rows)}`);
      console.log(JSON.stringify({ model: spec.kind, task: recipe.task, backend: usedBackend, metrics: result.metrics, baseline: result.baselineMetrics[result.comparison.metric], beatsBaseline: result.comparison.beatsBaseline, versusBaseline: baselineMargin(result.comparison.metric, result.comparison.model, result.comparison.baseline).grade, ...(result.report.task === 'regression' && result.report.metrics.notDefined ? { notDefined: result.report.metrics.notDefined } : {}) }));
    }
    return 0;
  } finally {
    disposeModel(result.model);
  }
}
