import type { BackendName } from '../core/models';
import type { ProbeResult } from '../core/models';
import { DEFAULT_KIND, DEFAULT_SEED, MODELS, maxSteps, type EpochLog, type LeaderboardEntry, type ModelKind, type ModelSpec } from '../core/models/catalog';
import type { Recipe } from '../core/recipe';
import type { Table } from '../core/table';
import { TrainBridge, type Recovery, type TrainRun } from '../bridge/TrainBridge';
import { isAbort, toUserError, type UserError } from './errors';
import { exposeTrainHooks } from './trainHooks';
import { localProbeMemory } from './probeMemory';
import { nextRunName } from './nextRunName';

/** One training in this session: what was asked, how it went, and (when it finished) its result. */
export interface SessionRun {
  id: string;
  label: string;
  spec: ModelSpec;
  recipe: Recipe;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  startedAt: number;
  endedAt: number | null;
  epochs: EpochLog[];
  backend: BackendName | null;
  probe: ProbeResult | null;
  recoveries: Recovery[];
  result: TrainRun | null;
  error: string | null;
}

/** What the registry (Models stage) is told about each run, so every run is kept, including failed ones. */
export interface RunSink {
  started(run: SessionRun): Promise<void> | void;
  finished(run: SessionRun): Promise<void> | void;
  /** Names of runs kept from earlier visits, so a new run's number follows them. */
  names?(): Iterable<string | undefined>;
}

/**
 * Training: one run at a time in the train worker, with live epochs, Pause, immediate Cancel, the
 * backend measurement, and random search. Runs stay in `runs` for the evaluation page and the
 * leaderboard; the registry keeps them across visits.
 */
export class TrainState {
  kind = $state<ModelKind>(DEFAULT_KIND);
  options = $state<Record<string, number | string | boolean>>({});
  seed = $state(DEFAULT_SEED);
  backend = $state<'auto' | BackendName>('auto');
  allowFallback = $state(false);
  runs = $state.raw<SessionRun[]>([]);
  selected = $state<string | null>(null);
  status = $state<string | null>(null);
  paused = $state(false);
  error = $state<UserError | null>(null);
  leaderboard = $state.raw<LeaderboardEntry[]>([]);
  searching = $state(false);
  // Measurements are remembered per device and model shape, so a later run starts without measuring.
  #bridge = new TrainBridge({ probeMemory: localProbeMemory() });
  #controller: AbortController | null = null;
  sink: RunSink | null = null;

  constructor() {
    exposeTrainHooks(this.#bridge);
  }

  get running(): SessionRun | undefined {
    return this.runs.find((r) => r.status === 'running');
  }

  get current(): SessionRun | undefined {
    return this.runs.find((r) => r.id === this.selected) ?? this.runs.findLast((r) => r.status === 'completed');
  }

  /** The model spec the form describes (only options that differ from the defaults are written). */
  spec(): ModelSpec {
    const meta = MODELS[this.kind];
    const options = Object.fromEntries(
      Object.entries(this.options).filter(([name, value]) => meta.options.some((o) => o.name === name && o.default !== value)),
    );
    return { kind: this.kind, options, seed: this.seed };
  }

  setKind(kind: ModelKind) {
    this.kind = kind;
    this.options = {};
  }

  /** Fills the form with a spec (a shared experiment, a search trial), so what trains is what the form shows. */
  useSpec(spec: ModelSpec) {
    this.setKind(spec.kind);
    this.options = { ...(spec.options as Record<string, number | string | boolean>) };
    this.seed = spec.seed ?? 0;
  }

  #update(id: string, patch: Partial<SessionRun>) {
    this.runs = this.runs.map((r) => (r.id === id ? { ...r, ...patch } : r));
  }

  async train(table: Table, recipe: Recipe, spec: ModelSpec = this.spec()) {
    if (this.running) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.error = null;
    this.paused = false;
    const id = crypto.randomUUID();
    const run: SessionRun = {
      id,
      label: nextRunName(MODELS[spec.kind].label, [...this.runs.map((r) => r.label), ...(this.sink?.names?.() ?? [])]),
      spec,
      recipe,
      status: 'running',
      startedAt: Date.now(),
      endedAt: null,
      epochs: [],
      backend: null,
      probe: null,
      recoveries: [],
      result: null,
      error: null,
    };
    this.runs = [...this.runs, run];
    this.selected = id;
    await this.sink?.started(run);
    let epochs: EpochLog[] = [];
    // Boosting reports dozens of rounds a second: the page redraws the run at most every 100 ms,
    // so drawing does not take the core the training threads need.
    let redraw: ReturnType<typeof setTimeout> | null = null;
    const show = () => {
      redraw = null;
      this.#update(id, { epochs });
    };
    try {
      const result = await this.#bridge.train(table, recipe, spec, {
        signal: controller.signal,
        backend: this.backend,
        allowFallback: this.allowFallback,
        crossValidate: true,
        onEpoch: (e) => {
          // After a backend recovery the epochs go on from the last checkpoint (or restart from 1):
          // drop any reported since, so the curves continue without a jump back.
          epochs = [...epochs.filter((x) => x.epoch < e.epoch), e];
          redraw ??= setTimeout(show, 100);
        },
        onStatus: (s) => {
          this.status = s.message;
          if (s.backend) this.#update(id, { backend: s.backend });
          if (s.probe) this.#update(id, { probe: s.probe });
        },
      });
      this.#update(id, {
        status: 'completed',
        endedAt: Date.now(),
        result,
        backend: result.backend,
        probe: result.probe,
        recoveries: result.recoveries,
        epochs: result.result.history.length ? result.result.history : epochs,
      });
    } catch (error) {
      const cancelled = isAbort(error);
      this.#update(id, { status: cancelled ? 'cancelled' : 'failed', endedAt: Date.now(), epochs, error: cancelled ? null : String((error as Error)?.message ?? error) });
      if (!cancelled) this.error = toUserError('Training stopped', error);
    } finally {
      if (redraw !== null) clearTimeout(redraw);
      if (this.#controller === controller) this.#controller = null;
      this.status = null;
      this.paused = false;
      const finished = this.runs.find((r) => r.id === id);
      if (finished) await this.sink?.finished(finished);
    }
  }

  cancel() {
    this.#controller?.abort();
  }

  togglePause() {
    this.paused = !this.paused;
    if (this.paused) this.#bridge.pause();
    else this.#bridge.resume();
  }

  async search(table: Table, recipe: Recipe, options: { kinds: ModelKind[]; trials: number; maxMinutes: number; metric?: string }) {
    if (this.searching || this.running) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.searching = true;
    this.error = null;
    this.leaderboard = [];
    try {
      const run = await this.#bridge.search(table, recipe, {
        ...options,
        seed: this.seed,
        backend: this.backend,
        allowFallback: this.allowFallback,
        signal: controller.signal,
        onStatus: (s) => (this.status = s.message),
        onTrial: (entry) => (this.leaderboard = [...this.leaderboard, entry]),
      });
      this.leaderboard = run.leaderboard;
    } catch (error) {
      if (!isAbort(error)) this.error = toUserError('The search stopped', error);
    } finally {
      this.searching = false;
      this.status = null;
      if (this.#controller === controller) this.#controller = null;
    }
  }

  /**
   * Time left at most, in ms, from the mean time per step so far (epochs, boosting rounds or trees)
   * and the run's cap on them (`epochs`, `rounds` or `trees`); early stopping can end it sooner.
   * Null before the first step or when the kind has no cap.
   */
  eta(run: SessionRun): number | null {
    const last = run.epochs.at(-1);
    const steps = maxSteps(run.spec);
    if (!last || !steps || last.epoch <= 0) return null;
    return (last.elapsedMs / last.epoch) * Math.max(0, steps - last.epoch);
  }
}
