/** What Deploy works with: a session run or a registered version as a `ModelSource`, and its model in words. */
import { driftProfile, treesKindWords, type BundleInput, type DriftProfile } from '../core/deploy';
import type { ModelTraining } from '../core/abtest';
import { explanationSummary, sliceJson, type ExplanationSummary, type SliceReportJson } from '../core/explain';
import type { TreeEnsemble } from '../core/models';
import type { Report } from '../core/profile';
import type { FittedRecipe } from '../core/recipe';
import { missingReason, splitRecordOf, storedSummaries, type MissingPart, type RunTraining } from '../core/run';
import type { SessionRun } from './train.svelte';

/**
 * A model Deploy can work with: a completed run of this session or a registered version. The
 * registry plugs in by mapping its versions to this shape (see `sessionSource` for the run side).
 */
/** A model's name without where it comes from ("Neural network (MLP) #1", "churn v2"): what comparison headings and verdicts call it. */
export const modelTitle = (m: Pick<ModelSource, 'label'>): string => m.label.replace(/ \((this session|registered)\)$/, '');

export interface ModelSource {
  /** `run:<id>` or `version:<name>@<version>`. */
  id: string;
  /** What the pickers show. */
  label: string;
  name: string;
  version: string | number;
  fitted: FittedRecipe;
  model: BundleInput['model'];
  metrics?: Record<string, number>;
  baselineMetrics?: Record<string, number>;
  /** Metrics by slice of the held-out rows, for the card (session runs: the registry does not keep them). */
  slices?: SliceReportJson;
  /** Importance and the top columns' effects, for the card (session runs: the registry does not keep them). */
  explanation?: ExplanationSummary;
  /** Fingerprint of the training data (source bytes `sha256:…` or content `table:…`); '' when unknown. */
  trainingFingerprint: string;
  trainingRows: number;
  /** Name of the training data file. */
  dataName: string;
  /** The training data's profile of the model's inputs, for drift; null when it was not kept. */
  profile: DriftProfile | null;
  /** Where it trained, so a comparison can leave out its training rows (session runs and versions alike). */
  training: Omit<ModelTraining, 'label'>;
  /** What this model lacks, each part with its sentence for people (a version registered before splits were saved…). */
  missing: MissingPart[];
  /** For a registered version: the registry run it came from. */
  runId?: string;
}

/** The training file of session run `runId`, from the registry's record of it; null when it was not recorded. */
export function registryTrainedOn(
  registry: { runs: readonly { id: string; datasetId: string }[]; datasets: readonly { id: string; fingerprint: string; rows: number; name: string }[] },
  runId: string,
): TrainedOn | null {
  const run = registry.runs.find((r) => r.id === runId);
  const data = run && registry.datasets.find((d) => d.id === run.datasetId);
  return data ? { fingerprint: data.fingerprint, rows: data.rows, name: data.name } : null;
}

/** The training file of a run, as the registry recorded it when the run started. */
export interface TrainedOn {
  fingerprint: string;
  rows: number;
  name: string;
}

/** What a comparison and drift read from a run's training record. */
function fromTraining(training: RunTraining, fallbackFingerprint: string): Pick<ModelSource, 'profile' | 'training' | 'missing'> & { baselineMetrics?: Record<string, number> } {
  const missing = training.missing;
  const unknown = missingReason(missing, 'split');
  return {
    profile: training.profile,
    training: { split: training.split, trainedOn: training.split?.dataFingerprint ?? fallbackFingerprint, ...(unknown ? { unknown } : {}) },
    missing,
    ...(training.baselineMetrics ? { baselineMetrics: training.baselineMetrics } : {}),
  };
}

/** The model in words, as Deploy shows it: `neural network (MLP)`, `logistic regression`, `gradient-boosted trees`, `random forest` or `baseline`. */
export function modelWords(model: BundleInput['model']): string {
  // Linear and logistic models train as one-layer TF.js networks, but people know them as regressions.
  if (model.kind === 'tf') return model.modelKind === 'linear' || model.modelKind === 'logistic' ? `${model.modelKind} regression` : model.modelKind === 'mlp' ? 'neural network (MLP)' : `${model.modelKind} network`;
  return model.kind === 'trees' ? treesKindWords(model.ensemble) : 'baseline';
}

/** The bundle model of a run's artifacts: TF.js files, a tree ensemble (kept as its own JSON, like the baseline) or the baseline. */
function bundleModel(artifacts: NonNullable<SessionRun['result']>['result']['model'] | TreeEnsemble): BundleInput['model'] {
  if (artifacts.kind === 'tf') return { kind: 'tf', modelKind: artifacts.modelKind, files: artifacts.files };
  if (artifacts.kind === 'trees') return { kind: 'trees', ensemble: artifacts };
  return { kind: 'baseline', baseline: artifacts };
}

/**
 * The Deploy model source of a completed session run. `trainedOn` is its training file as the
 * registry recorded it (null when the run was not recorded); `profile` the open dataset's profile.
 * Its split record is built by the same `splitRecordOf` as the one the registry stores, so a run and
 * the version registered from it compare alike.
 */
export function sessionSource(run: SessionRun, profile: Report | null, trainedOn: TrainedOn | null): ModelSource | null {
  const result = run.result?.result;
  if (run.status !== 'completed' || !result) return null;
  const model = bundleModel(result.model);
  const name = run.label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'model';
  return {
    id: `run:${run.id}`,
    label: `${run.label} (this session)`,
    name,
    version: 1,
    fitted: result.fitted,
    model,
    metrics: result.metrics,
    ...(result.slices ? { slices: sliceJson(result.slices) } : {}),
    ...(result.explanation ? { explanation: explanationSummary(result.explanation, result.fitted.task) } : {}),
    trainingFingerprint: trainedOn ? `sha256:${trainedOn.fingerprint}` : '',
    trainingRows: result.rows.train + result.rows.test,
    dataName: trainedOn?.name ?? 'training data',
    ...(trainedOn
      ? {
          baselineMetrics: result.baselineMetrics,
          profile: profileOf(profile, trainedOn, result.fitted),
          training: { split: splitRecordOf(result, trainedOn), trainedOn: `sha256:${trainedOn.fingerprint}` },
          missing: [],
        }
      : {
          baselineMetrics: result.baselineMetrics,
          profile: null,
          training: { split: null, trainedOn: '', unknown: 'This run was not recorded in the registry, so the file it trained on is not known: comparisons use a file you pick.' },
          missing: [],
        }),
  };
}

/**
 * The drift profile of a run's inputs, when `profile` (the open dataset's) plausibly describes its
 * training file: the same row count and every input column profiled. Otherwise none, and drift says so.
 */
export function profileOf(profile: Report | null, trainedOn: TrainedOn, fitted: FittedRecipe): DriftProfile | null {
  const inputs = fitted.inputSchema.map((c) => c.name);
  if (!profile || profile.dataset.rows !== trainedOn.rows || !inputs.every((name) => profile.columns.some((c) => c.name === name))) return null;
  return driftProfile(profile, inputs);
}

/**
 * A registered version as a Deploy model source, from the artifacts the registry stores with its run
 * (`fitted-recipe.json`, `model-meta.json`, for networks `model.json` + `weights.bin`, for tree
 * ensembles `trees.json` when stored apart) and the training dataset's record. Throws naming the missing file when the version has no files.
 */
export function versionSource(
  version: { model: string; version: number; metrics: unknown; training: RunTraining },
  files: Record<string, Uint8Array>,
  data: { name: string; rows: number; fingerprint: string } | null,
): ModelSource {
  const text = (name: string) => {
    const bytes = files[name];
    if (!bytes) throw new Error(`${version.model} v${version.version} has no stored ${name}; its run was saved without files, so it cannot be deployed. Retrain and register it again.`);
    return new TextDecoder().decode(bytes);
  };
  const fitted = JSON.parse(text('fitted-recipe.json')) as FittedRecipe;
  const meta = JSON.parse(text('model-meta.json')) as { kind: string; modelKind?: string };
  // A tree ensemble is stored whole, as trees.json or (with no files to split off) as model-meta.json itself.
  const model: BundleInput['model'] = meta.kind === 'tf'
    ? { kind: 'tf', modelKind: meta.modelKind ?? 'mlp', files: { modelJson: text('model.json'), weights: files['weights.bin'] ?? new Uint8Array() } }
    : files['trees.json'] || meta.kind === 'trees'
      ? { kind: 'trees', ensemble: (files['trees.json'] ? JSON.parse(text('trees.json')) : meta) as TreeEnsemble }
      : { kind: 'baseline', baseline: meta as unknown as Extract<BundleInput['model'], { kind: 'baseline' }>['baseline'] };
  const metrics = Object.fromEntries(Object.entries((version.metrics ?? {}) as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'));
  return {
    id: `version:${version.model}@${version.version}`,
    label: `${version.model} v${version.version} (registered)`,
    name: version.model,
    version: version.version,
    fitted,
    model,
    metrics,
    trainingFingerprint: data?.fingerprint ? `sha256:${data.fingerprint}` : '',
    trainingRows: data?.rows ?? fitted.trainRows,
    dataName: data?.name ?? 'training data',
    ...fromTraining(version.training, data?.fingerprint ? `sha256:${data.fingerprint}` : ''),
    ...storedSummaries(version.training.result, fitted.task),
  };
}
