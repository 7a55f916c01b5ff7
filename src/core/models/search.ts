/** Random search over model kinds and their main options, bounded by trials and/or minutes. */
import { evaluateClassification, evaluateRegression, higherIsBetter, primaryMetric, reportMetrics } from '../evaluate';
import { fitRecipe, splitRows, transformRecipe, withTargetRule, type FittedRecipe, type Recipe, type Task, type Transformed } from '../recipe';
import { recipeFor, toTrainData } from './experiment';
import { createRng, type Rng } from '../stats';
import type { Table } from '../table';
import type { ModelMeta } from './options';
import { disposeModel, predictAsync } from './predict';
import { MODELS, searchKinds } from './catalog';
import { trainModel } from './registry';
import type { ModelKind, ModelSpec, OptionValue, TrainData } from './types';

export interface SearchOptions {
  /** Kinds to try. Default: every kind for the task except the baseline. */
  kinds?: ModelKind[];
  /** Default 12. */
  trials?: number;
  /** Stop starting new trials after this many minutes. */
  maxMinutes?: number;
  /**
   * With `maxMinutes`: the minutes also cover refitting the best spec on every training row, as
   * `--model auto` does next, so the whole search-and-fit keeps to the budget. A trial that would eat
   * into the time that refit needs (the best trial's time, scaled to all training rows) is stopped at
   * its next batch, round or epoch and left off the board. The first trial always finishes.
   */
  reserveRefit?: boolean;
  /** The clock, in milliseconds (tests drive it). */
  now?: () => number;
  /** Metric to rank by. Default: the task's primary metric (see `primaryMetric`). */
  metric?: string;
  seed?: number;
  signal?: AbortSignal;
  onTrial?(entry: LeaderboardEntry, index: number): void;
}

export interface LeaderboardEntry {
  spec: ModelSpec;
  /** The ranking metric on the validation rows. */
  score: number;
  metrics: Record<string, number>;
  trainMs: number;
  epochs: number;
}

/** Samples one option inside its `search` range (log-uniform when `log`). */
function sample(meta: ModelMeta, rng: Rng): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const name of meta.searchable) {
    const o = meta.options.find((x) => x.name === name);
    if (!o || (o.type !== 'number' && o.type !== 'integer') || !o.search) continue;
    const [lo, hi] = o.search;
    const u = rng.next();
    let v = o.log && lo > 0 ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
    v = o.type === 'integer' ? Math.round(v) : Number(v.toPrecision(3));
    out[name] = Math.min(o.max, Math.max(o.min, v));
  }
  return out;
}

/**
 * Fits the recipe once on the training split, holds out 20% of those rows for scoring, and trains
 * `trials` specs: the defaults of each kind first, then random settings. Sorted best first. The
 * test split is never touched, so it stays fair for the final comparison.
 */
export async function randomSearch(table: Table, recipe: Recipe, o: SearchOptions = {}): Promise<LeaderboardEntry[]> {
  table = withTargetRule(table, recipe);
  const rng = createRng(o.seed ?? 0);
  const kinds = o.kinds ?? searchKinds(recipe.task);
  const metric = o.metric ?? primaryMetric(recipe.task);
  const outer = splitRows(table, recipe.target, recipe.split);
  const inner = splitRows({ ...table }, recipe.target, { ...recipe.split, testFraction: 0.2, seed: (o.seed ?? 0) + 1 });
  const trainSet = new Set(outer.train);
  const fitRows = inner.train.filter((i) => trainSet.has(i));
  const validRows = inner.test.filter((i) => trainSet.has(i));
  // Trees and networks may train on different variants of the recipe (`recipeFor`): fit each once.
  const prepared = new Map<string, { fitted: FittedRecipe; data: TrainData; valid: Transformed }>();
  const prepare = (spec: ModelSpec) => {
    const used = recipeFor(recipe, spec);
    const key = JSON.stringify(used.steps);
    let p = prepared.get(key);
    if (!p) {
      const fitted = fitRecipe(table, used, fitRows);
      const valid = transformRecipe(fitted, table, validRows);
      const data = { ...toTrainData(transformRecipe(fitted, table, fitRows), fitted), validation: { X: valid.X, n: valid.n, y: valid.y! } };
      prepared.set(key, (p = { fitted, data, valid }));
    }
    return p;
  };
  const now = o.now ?? Date.now;
  const deadline = o.maxMinutes ? now() + o.maxMinutes * 60_000 : Infinity;
  const board: LeaderboardEntry[] = [];
  const sign = higherIsBetter(metric) ? -1 : 1;
  const refitScale = outer.train.length / Math.max(1, fitRows.length);
  // The refit's time, plus 3 % of the budget for the stopped trial's last batch or round and the
  // refit's own variance (measured: about 1.5 s over at a one-minute budget without it).
  const slack = o.maxMinutes ? o.maxMinutes * 60_000 * 0.03 : 0;
  const reserve = () => (o.reserveRefit && board.length ? board.reduce((a, b) => (sign * (b.score - a.score) < 0 ? b : a)).trainMs * refitScale + slack : 0);
  const trials = o.trials ?? 12;
  for (let t = 0; t < trials && now() + reserve() < deadline; t++) {
    const kind = kinds[t % kinds.length];
    const spec: ModelSpec = { kind, seed: o.seed ?? 0, options: t < kinds.length ? {} : sample(MODELS[kind], rng) };
    const started = now();
    const { fitted, data, valid } = prepare(spec);
    const stop = board.length && o.reserveRefit ? trialStop(deadline - reserve(), now, o.signal) : null;
    let result;
    try {
      result = await trainModel(spec, data, stop ? stop.hooks : o.signal ? { signal: o.signal } : {});
    } catch (e) {
      if (stop?.ranOut()) break;
      throw e;
    }
    try {
      const out = await predictAsync(result.model, valid.X, valid.n);
      const metrics = reportMetrics(recipe.task === 'regression' ? evaluateRegression(valid.y!, out) : evaluateClassification(valid.y!, out, fitted.classes!));
      const entry = { spec, score: metrics[metric], metrics, trainMs: now() - started, epochs: result.history.length };
      board.push(entry);
      o.onTrial?.(entry, t);
    } finally {
      disposeModel(result.model);
    }
  }
  return board.sort((a, b) => sign * (a.score - b.score));
}

/**
 * Hooks that stop a trial at its first batch, round or epoch past `until` (trainers poll `shouldPause`
 * between batches and rounds), and say whether that, not the caller's signal, stopped it.
 */
function trialStop(until: number, now: () => number, outer?: AbortSignal) {
  const own = new AbortController();
  const signal = outer ? AbortSignal.any([outer, own.signal]) : own.signal;
  const check = () => {
    if (now() >= until) own.abort();
    return false;
  };
  return {
    hooks: { signal, onEpoch: check, shouldPause: check },
    ranOut: () => own.signal.aborted && !outer?.aborted,
  };
}
