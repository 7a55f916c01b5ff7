import { variantName, type ComparisonReport, type ExperimentAnalysis } from '../core/abtest';
import { sampleSizeTwoProportions, type SampleSizeResult } from '../core/stats/tests';
import type { Table } from '../core/table';
import { ScoreBridge } from '../bridge/ScoreBridge';
import type { ScoreWorkerApi } from '../bridge/ScoreBridge';
import type { BundleInput } from '../core/deploy';
import { download, scorerSpec, type ModelSource } from './deploy.svelte';
import { modelTitle } from './modelSource';
import type { UserError } from './errors';
import { JobSlot } from './jobSlot';
import { recordEvidence } from './projectEvidence';

/** What the score worker's comparison returns: the comparison, or why the held-out rows could not be found. */
type CompareOutcome = Awaited<ReturnType<ScoreWorkerApi['compare']>>;

/** The offline comparison as the page shows it. */
export interface ComparisonView {
  report: ComparisonReport;
  dropped: { missingTarget: number; unseenClass: number; refused: number };
  /** Per challenger, the 1-based source row and the true label of each top disagreement. */
  sourceRows: number[][];
  truthLabels: string[][];
  testName: string;
  rows: number;
  /** Sentences about test rows a model may have trained on. */
  warnings: string[];
}

export interface LogInfo {
  name: string;
  rows: number;
  variants: string[];
  metrics: ('conversion' | 'value')[];
  shadowRows: number;
}

/** Inputs of the power calculator (rates and effect as fractions). */
export interface PowerInputs {
  baselineRate: number;
  minimumDetectableEffect: number;
  alpha: number;
  power: number;
}

/**
 * A/B under Deploy: offline comparison of 2+ models on one test set, the A/B bundle (weights,
 * shadow), and the analysis of a joined experiment log with the power calculator.
 */
export class AbTestState {
  chosen = $state<string[]>([]);
  testSource = $state<'holdout' | 'file'>('holdout');
  testFile = $state.raw<File | null>(null);
  comparison = $state.raw<ComparisonView | null>(null);
  weights = $state<Record<string, number>>({});
  shadow = $state(false);
  log = $state.raw<LogInfo | null>(null);
  logWeights = $state<number[]>([]);
  metric = $state<'conversion' | 'value'>('conversion');
  planned = $state<number | null>(null);
  analysis = $state.raw<ExperimentAnalysis | null>(null);
  powerInputs = $state<PowerInputs>({ baselineRate: 0.1, minimumDetectableEffect: 0.01, alpha: 0.05, power: 0.8 });
  /** Variants and weights of the last exported A/B bundle: the analysis starts from them. */
  lastRouter = $state.raw<{ name: string; weight: number }[] | null>(null);
  busy = $state<null | 'compare' | 'bundle' | 'log' | 'analyze'>(null);
  error = $state<UserError | null>(null);
  notice = $state<string | null>(null);
  #jobs = new JobSlot<NonNullable<AbTestState['busy']>>(this);
  /** The log lives in its own worker, so scoring in the other one never drops it. */
  #logBridge = new ScoreBridge();

  constructor(private readonly bridge: ScoreBridge) {}

  /** Users per variant for the calculator's inputs, or the reason they do not work. */
  get power(): { result: SampleSizeResult } | { error: string } {
    try {
      return { result: sampleSizeTwoProportions(this.powerInputs) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }

  toggle(id: string, on: boolean) {
    this.chosen = on ? [...new Set([...this.chosen, id])] : this.chosen.filter((c) => c !== id);
    if (on && this.weights[id] === undefined) this.weights = { ...this.weights, [id]: this.chosen.length === 1 ? 90 : 10 };
  }

  cancel() {
    this.#jobs.cancel();
  }


  /**
   * Compares the chosen models (the first chosen is the champion) on a file, or on the rows of the
   * open dataset (whose bytes hash to `fingerprint`) that none of them trained on. Session runs and
   * registered versions are treated alike; when no row is held out from all of them it says so and
   * switches to a file.
   */
  async compare(models: ModelSource[], dataset: Table | null, datasetName: string, fingerprint: () => Promise<string>) {
    if (models.length < 2) {
      this.error = { title: 'Pick two or more models', message: `Only ${models.length} model is chosen; tick a champion and at least one challenger trained on the same target.` };
      return;
    }
    const file = this.testSource === 'file' || !dataset ? this.testFile : null;
    if (!file && !dataset) {
      this.error = { title: 'Choose a test file', message: 'No dataset is open, so there are no held-out rows: pick a CSV or Parquet file with the target column.' };
      return;
    }
    if (this.testSource === 'file' && !file) {
      this.error = { title: 'Choose a test file', message: 'Pick a CSV or Parquet file with the target column, or use the held-out rows of the open dataset.' };
      return;
    }
    this.comparison = null;
    // People's names, as the pickers show them (a session run is not "neural-network-mlp-1 v1"); the
    // picker's whole label where two share a name (a version registered from this session, and itself).
    const titles = models.map(modelTitle);
    const names = titles.map((t, i) => (titles.indexOf(t) === titles.lastIndexOf(t) ? t : models[i].label));
    const out = await this.#jobs.run('compare', 'The comparison', async (signal) => {
      const heldOut = file ? null : { fingerprint: `sha256:${await fingerprint()}`, models: models.map((m) => ({ label: m.label, ...m.training })) };
      return this.bridge.run<CompareOutcome>(models.map(scorerSpec), (api) => api.compare(file ?? dataset!, models[0].fitted.target, names, models.map((m) => m.fitted), heldOut, 0, file ? dataset : null), signal);
    });
    if (!out) return;
    if ('refused' in out) {
      this.testSource = 'file';
      this.error = { title: `No held-out rows of ${datasetName} to compare on`, message: `${out.refused} Pick a test file below.` };
      return;
    }
    const warnings: string[] = [...out.notes];
    if (file) {
      // Session runs were trained on the open dataset, whose content fingerprint the worker computed.
      const trainedOn = (m: ModelSource) => m.trainingFingerprint || (m.id.startsWith('run:') ? out.referenceFingerprint ?? '' : '');
      for (const m of models) if (trainedOn(m) && out.fingerprints.includes(trainedOn(m))) warnings.push(`${file.name} is the data ${m.label} was trained on: its scores are not held-out, so the comparison flatters it. Use data none of the models saw.`);
    }
    const { notes: _notes, fingerprints: _f, referenceFingerprint: _r, ...view } = out;
    this.comparison = { ...view, testName: file?.name ?? `${datasetName} (rows none of the models trained on)`, warnings };
  }

  /** Zips the chosen models with router.mjs; weights are per model id. */
  async exportAbBundle(models: ModelSource[], inputOf: (m: ModelSource) => BundleInput) {
    const taken = new Set<string>();
    const variants = models.map((m) => ({ name: variantName(m.name, m.version, taken), weight: this.weights[m.id] ?? 0, input: inputOf(m) }));
    const zip = await this.#jobs.run('bundle', 'The A/B bundle', (signal) => this.bridge.run(models.map(scorerSpec), (api) => api.abBundle(variants, this.shadow), signal));
    if (!zip) return;
    download(zip, 'ab-bundle.zip', 'application/zip');
    this.lastRouter = variants.map((v) => ({ name: v.name, weight: v.weight }));
    this.notice = `Saved ab-bundle.zip: ${variants.map((v) => `${v.name} ${v.weight}`).join(' / ')}${this.shadow ? ', shadow mode' : ''}.`;
  }

  async openLog(file: File) {
    this.analysis = null;
    const info = await this.#jobs.run('log', `Reading ${file.name}`, (signal) => this.#logBridge.run([], (api) => api.openLog(file), signal));
    if (!info) return;
    // The exported router says which variant is the champion (the control) and the planned weights.
    const planned = this.lastRouter?.filter((v) => info.variants.includes(v.name)) ?? [];
    const variants = [...planned.map((v) => v.name), ...info.variants.filter((v) => !planned.some((p) => p.name === v))];
    this.log = { ...info, variants };
    if (!info.metrics.includes(this.metric) && info.metrics[0]) this.metric = info.metrics[0];
    this.logWeights = variants.map((name) => planned.find((p) => p.name === name)?.weight ?? Math.round(100 / variants.length));
  }

  async analyze() {
    const log = this.log;
    if (!log) return;
    const weights = log.variants.map((name, i) => ({ name, weight: this.logWeights[i] ?? 0 }));
    const planned = this.planned && this.planned > 0 ? this.planned : undefined;
    const out = await this.#jobs.run('analyze', 'The analysis', (signal) => this.#logBridge.run([], (api) => api.analyze(weights, this.metric, planned), signal));
    if (!out) return;
    this.analysis = out;
    recordEvidence({ kind: 'ab-analysed', at: Date.now(), verdict: out.verdict, units: out.variants.reduce((n, v) => n + v.n, 0) });
  }
}

const states = new WeakMap<object, AbTestState>();

/** The A/B state of a studio, sharing the Deploy score worker, kept across visits to the stage. */
export function abTestStateOf(studio: object, bridge: ScoreBridge): AbTestState {
  let state = states.get(studio);
  if (!state) states.set(studio, (state = new AbTestState(bridge)));
  return state;
}
