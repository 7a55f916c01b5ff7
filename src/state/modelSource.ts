/** What Deploy works with: a session run or a registered version as a `ModelSource`, and its model in words. */
import { treesKindWords, type BundleInput } from '../core/deploy';
import type { TreeEnsemble } from '../core/models';
import type { Report } from '../core/profile';
import type { FittedRecipe, SplitSpec } from '../core/recipe';
import type { SessionRun } from './train.svelte';

/**
 * A model Deploy can work with: a completed run of this session or a registered version. The
 * registry plugs in by mapping its versions to this shape (see `sessionSource` for the run side).
 */
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
  /** Fingerprint of the training data (source bytes `sha256:…` or content `table:…`); '' when unknown. */
  trainingFingerprint: string;
  trainingRows: number;
  /** Name of the training data file. */
  dataName: string;
  /** The training data's profile, for drift. */
  profile?: Report | null;
  /** How the training rows were split (to rebuild the held-out rows of the current dataset). */
  split?: SplitSpec;
  /** For a registered version: the registry run it came from. */
  runId?: string;
}

/** The model in words, as Deploy shows it: `mlp network`, `gradient-boosted trees`, `random forest` or `baseline`. */
export function modelWords(model: BundleInput['model']): string {
  return model.kind === 'tf' ? `${model.modelKind} network` : model.kind === 'trees' ? treesKindWords(model.ensemble) : 'baseline';
}

/** The bundle model of a run's artifacts: TF.js files, a tree ensemble (kept as its own JSON, like the baseline) or the baseline. */
function bundleModel(artifacts: NonNullable<SessionRun['result']>['result']['model'] | TreeEnsemble): BundleInput['model'] {
  if (artifacts.kind === 'tf') return { kind: 'tf', modelKind: artifacts.modelKind, files: artifacts.files };
  if (artifacts.kind === 'trees') return { kind: 'trees', ensemble: artifacts };
  return { kind: 'baseline', baseline: artifacts };
}

/** The Deploy model source of a completed session run, trained on the open dataset. */
export function sessionSource(run: SessionRun, dataName: string, profile: Report | null): ModelSource | null {
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
    baselineMetrics: result.baselineMetrics,
    trainingFingerprint: profile?.dataset.fingerprint ?? '',
    trainingRows: result.rows.train + result.rows.test,
    dataName,
    profile,
    split: run.recipe.split,
  };
}

/**
 * A registered version as a Deploy model source, from the artifacts the registry stores with its run
 * (`fitted-recipe.json`, `model-meta.json`, for networks `model.json` + `weights.bin`, for tree
 * ensembles `trees.json` when stored apart) and the training dataset's record. Throws naming the missing file when the version has no files.
 */
export function versionSource(
  version: { model: string; version: number; metrics: unknown },
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
    profile: null,
  };
}
