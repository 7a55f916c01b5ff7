import { getContext, setContext } from 'svelte';
import { columnSummary, type ColumnSummary, type ColumnType, type ReadResult } from '../core/table';
import { IngestBridge } from '../bridge/IngestBridge';
import { fingerprintFile } from '../bridge/fingerprintFile';
import { streamProfile } from '../bridge/StreamBridge';
import { fetchSample, listSamples, type SampleInfo } from './samples';
import { recordLoad } from './metrics';
import { isAbort, toUserError, type UserError } from './errors';
import { ExploreState } from './explore.svelte';
import { PrepareState } from './prepare.svelte';
import { RecipeBridge } from '../bridge/RecipeBridge';
import { TrainState } from './train.svelte';
import { ImagesState } from './images.svelte';
import { readExperiment, type ExperimentLink } from './shareLink';
import { Registry } from './registry.svelte';
import { ProjectsState } from './projects.svelte';
import { registrySink } from './registrySink';
import type { ReproduceRequest } from './registryTypes';
import { versionLink } from './versionLink';
import type { TargetRule } from '../core/recipe';

import { STREAM_THRESHOLD, datasetRecordOf, type Stage, type Dataset, type LoadJob } from './studioTypes';
export { STAGES, STREAM_THRESHOLD, type Stage, type Dataset, type LoadJob } from './studioTypes';
/**
 * The studio's state. Tables are held with `$state.raw` so Svelte never wraps typed arrays in
 * proxies; a new dataset replaces the old one only once it has loaded, so a bad file never
 * takes away the data the user already had.
 */
export class Studio {
  stage = $state<Stage>('data');
  dataset = $state.raw<Dataset | null>(null);
  load = $state<LoadJob | null>(null);
  error = $state<UserError | null>(null);
  notice = $state<string | null>(null);
  readonly explore = new ExploreState();
  readonly prepare = new PrepareState(new RecipeBridge());
  readonly train = new TrainState();
  readonly images: ImagesState = new ImagesState(this);
  readonly registry = new Registry();
  readonly projects = new ProjectsState(this.registry);
  /** An experiment from a shared link, waiting for its data (a sample loads itself; a user's file must be opened). */
  pending = $state.raw<ExperimentLink | null>(null);
  #ingest = new IngestBridge();
  #fingerprints = new WeakMap<File, Promise<string>>();

  /** SHA-256 of the open dataset's bytes, computed once per file in a worker. */
  fingerprint(dataset: Dataset): Promise<string> {
    const digest = this.#fingerprints.get(dataset.file) ?? fingerprintFile(dataset.file);
    this.#fingerprints.set(dataset.file, digest);
    return digest;
  }

  constructor() {
    // Every run is kept in the registry, including failed and cancelled ones, with its dataset's fingerprint.
    this.train.sink = registrySink(this.registry, async () => datasetRecordOf(this.dataset!, await this.fingerprint(this.dataset!)), () => this.explore.report);
  }

  go(stage: Stage) {
    this.stage = stage;
    this.projects.open = false;
    if (location.hash !== `#${stage}`) history.replaceState(null, '', `${location.pathname}${location.search}#${stage}`);
  }

  dismissError() {
    this.error = null;
  }

  cancelLoad() {
    this.load?.controller.abort();
  }

  /** Cancels any load in progress and starts the progress card for `file`. */
  #startLoad(file: File): { controller: AbortController; job: LoadJob; started: number } {
    this.load?.controller.abort();
    const controller = new AbortController();
    const job: LoadJob = { fileName: file.name, totalBytes: file.size, bytes: 0, rows: 0, phase: 'reading', controller };
    this.load = job;
    this.error = null;
    this.notice = null;
    return { controller, job, started: performance.now() };
  }

  /**
   * Opens a data file; `target` is chosen at once when the file has that column (an image dataset's
   * "label"), and `types` forces column types as the schema menu does (an image dataset's class names).
   */
  async openFile(file: File, sample: SampleInfo | null = null, target: string | null = null, types: Record<string, ColumnType> = {}): Promise<void> {
    if (/\.zip$/i.test(file.name)) return this.images.openZip(file);
    if (file.size > STREAM_THRESHOLD) return this.#openStreamed(file);
    const { controller, job, started } = this.#startLoad(file);
    try {
      const result = await this.#ingest.load(file, Object.keys(types).length ? { typeOverrides: types } : {}, {
        signal: controller.signal,
        // A .gz file reports its compressed bytes first, then the file inside, each of its own size.
        onProgress: (p) => {
          if (this.load === job) this.load = { ...job, bytes: p.bytes, totalBytes: p.totalBytes, rows: p.rows };
        },
      });
      await this.#accept(result, sample, types, target, started, file);
      recordLoad({
        file: file.name,
        bytes: file.size,
        rows: result.table.rowCount,
        parseMs: result.meta.parseMs,
        totalMs: performance.now() - started,
      });
    } catch (error) {
      if (isAbort(error)) this.notice = `Loading ${file.name} was cancelled. ${this.dataset ? `${this.dataset.name} is still open.` : ''}`;
      else this.error = toUserError(`${file.name} could not be opened`, error);
    } finally {
      if (this.load?.controller === controller) this.load = null;
    }
  }

  async openSample(name: string) {
    try {
      const samples = await listSamples();
      const sample = samples.find((s) => s.name === name);
      if (!sample) {
        this.error = {
          title: `There is no sample called "${name}"`,
          message: `The bundled samples are: ${samples.map((s) => s.name).join(', ')}. Pick one from the gallery below.`,
        };
        return;
      }
      await this.openFile(await fetchSample(sample), sample);
    } catch (error) {
      this.error = toUserError(`The sample "${name}" could not be opened`, error);
    }
  }

  /** Re-reads the open file with a changed column type; the grid keeps the old table until it is done. */
  async retype(column: string, type: ColumnType) {
    const dataset = this.dataset;
    if (!dataset) return;
    const overrides = { ...dataset.overrides, [column]: type };
    const controller = new AbortController();
    this.load = { fileName: dataset.name, totalBytes: dataset.meta.bytes, bytes: 0, rows: 0, phase: 'retyping', controller };
    try {
      const result = await this.#ingest.retype(overrides, {
        signal: controller.signal,
        onProgress: (p) => {
          if (this.load?.controller === controller) this.load = { ...this.load, bytes: p.bytes, totalBytes: p.totalBytes, rows: p.rows };
        },
      });
      await this.#accept(result, dataset.sample, overrides, dataset.target, undefined, dataset.file);
    } catch (error) {
      if (!isAbort(error)) this.error = toUserError(`Column "${column}" could not be changed to ${type}`, error);
    } finally {
      if (this.load?.controller === controller) this.load = null;
    }
  }

  /** Changes the target; the report's target analysis is recomputed. */
  setTarget(target: string | null) {
    const dataset = this.dataset;
    if (!dataset || dataset.target === target) return;
    const table = this.prepare.withoutDerived(dataset.table, target);
    this.dataset = { ...dataset, table, target };
    // A streamed report covers the whole file; re-profiling the preview rows would replace it with less.
    if (dataset.streamed) return;
    void this.explore.run(table, { target, parseMs: dataset.meta.parseMs, fileName: dataset.name });
  }

  async #accept(
    result: ReadResult,
    sample: SampleInfo | null,
    overrides: Record<string, ColumnType>,
    target: string | null | undefined,
    startedAt: number | undefined,
    file: File,
  ) {
    const { table } = result;
    let summaries: ColumnSummary[] = result.summaries ?? [];
    if (summaries.length !== table.columns.length) {
      summaries = [];
      for (const column of table.columns) {
        summaries.push(columnSummary(column, table.rowCount));
        // Yield between columns of tall tables (or every 64 columns of wide ones) so the page never stalls.
        if (table.rowCount > 250_000 || summaries.length % 64 === 0) await new Promise((r) => setTimeout(r));
      }
    }
    const defaultTarget = sample && table.columns.some((c) => c.name === sample.target) ? sample.target : null;
    this.prepare.forget();
    this.dataset = {
      name: result.meta.fileName,
      sample,
      table,
      warnings: result.warnings,
      meta: result.meta,
      summaries,
      overrides,
      target: target ?? defaultTarget,
      file,
    };
    // The report starts at once (opening a dataset produces it), in a task of its own so the grid's
    // first render and the copies for the profile workers never share one long task.
    const chosen = this.dataset.target;
    setTimeout(() => void this.explore.run(table, { target: chosen, parseMs: result.meta.parseMs, fileName: result.meta.fileName, startedAt }));
    if (this.pending) void this.#reproduce(this.pending);
  }

  /**
   * A file too large to hold in memory: its rows stream through the profiler's sketches and only the
   * first rows are kept for the grid. Modelling needs the data in memory, so it stops at Explore.
   */
  async #openStreamed(file: File) {
    const { controller, job, started } = this.#startLoad(file);
    try {
      const out = await streamProfile(file, {}, {
        signal: controller.signal,
        onProgress: (p) => {
          if (this.load?.controller === controller) this.load = { ...job, bytes: p.bytes, rows: p.rows };
        },
      });
      this.explore.cancel();
      this.prepare.forget();
      this.dataset = {
        name: file.name,
        sample: null,
        table: out.preview,
        warnings: out.warnings,
        meta: { ...out.meta, parseMs: performance.now() - started },
        summaries: out.preview.columns.map((c) => columnSummary(c, out.preview.rowCount)),
        overrides: {},
        target: null,
        file,
        streamed: { rows: out.rows },
      };
      this.explore.adopt(out.report, file.name, performance.now() - started);
      recordLoad({ file: file.name, bytes: file.size, rows: out.rows, parseMs: out.report.meta.timingsMs.profile, totalMs: performance.now() - started });
    } catch (error) {
      if (isAbort(error)) this.notice = `Loading ${file.name} was cancelled.`;
      else this.error = toUserError(`${file.name} could not be profiled`, error);
    } finally {
      if (this.load?.controller === controller) this.load = null;
    }
  }

  /**
   * Re-runs a registered version's exact recipe, spec and seed on the WASM backend (deterministic),
   * once the dataset it was trained on is open: identity is the SHA-256 of the file's bytes.
   */
  async reproduceVersion(request: ReproduceRequest) {
    this.registry.reproduceRequest = null;
    const link = await versionLink(request, this.registry.datasets, this.dataset, (d) => this.fingerprint(d));
    if ('title' in link) this.error = link;
    else await this.#reproduce(link);
  }

  /** Reads ?sample= and ?exp= from the address: opens the sample, or waits for the user's file, then reproduces the run. */
  async openFromAddress(params: URLSearchParams) {
    try {
      this.pending = readExperiment(params);
    } catch (error) {
      this.error = toUserError('The experiment link could not be used', error);
    }
    const sample = params.get('sample');
    if (sample) await this.openSample(sample);
  }

  /** Adds a yes/no target computed by `rule` (in the recipe worker) to the open table, and predicts it. */
  async deriveTarget(name: string, rule: TargetRule) {
    const dataset = this.dataset;
    if (!dataset || dataset.streamed) return;
    const table = await this.prepare.deriveTarget(this.prepare.withoutDerived(dataset.table, null), name, rule);
    if (!table || this.dataset !== dataset) return;
    this.dataset = { ...dataset, table };
    this.setTarget(name.trim());
  }

  async #reproduce(link: ExperimentLink) {
    const rule = link.recipe.targetRule;
    if (rule && this.dataset && !this.dataset.table.columns.some((c) => c.name === link.recipe.target)) await this.deriveTarget(link.recipe.target, rule);
    const dataset = this.dataset;
    if (!dataset) return;
    const missing = [link.recipe.target].filter((c) => !dataset.table.columns.some((col) => col.name === c));
    if (missing.length) {
      this.error = {
        title: 'This file does not fit the shared experiment',
        message: `The experiment predicts "${link.recipe.target}", which ${dataset.name} does not have. Open ${link.fileName ?? 'the file the link was made from'}.`,
      };
      return;
    }
    this.pending = null;
    this.dataset = { ...dataset, target: link.recipe.target };
    await this.prepare.ensure(dataset.table, link.recipe.target, undefined);
    this.prepare.recipe = structuredClone(link.recipe);
    this.train.useSpec(link.spec);
    if (link.backend) this.train.backend = link.backend;
    this.notice = `Reproducing the shared experiment: ${link.spec.kind} on ${dataset.name}, seed ${link.spec.seed ?? 0}.`;
    this.go('train');
    await this.train.train(dataset.table, this.prepare.snapshot()!);
  }
}

const KEY = Symbol('studio');
export const provideStudio = (studio: Studio) => setContext(KEY, studio);
export const useStudio = () => getContext<Studio>(KEY);
