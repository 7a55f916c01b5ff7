/**
 * A stored run's model kind, backend and option names in words, for the runs table and a
 * version's lineage: the registry keeps them as code (`gbdt`, `auto`, `learningRate`).
 */
import { BACKEND_LABELS } from './backendProbe';
import { isTreeKind } from './kindWords';
import { baselineMeta } from './baseline/meta';
import { linearMeta } from './linear/meta';
import { logisticMeta } from './logistic/meta';
import { mlpMeta } from './mlp/meta';
import type { ModelMeta } from './options';
import { forestMeta, gbdtMeta } from './trees/meta';
import type { BackendName } from './backend';
import type { ModelKind } from './types';

const METAS: Record<ModelKind, ModelMeta> = { baseline: baselineMeta, linear: linearMeta, logistic: logisticMeta, mlp: mlpMeta, gbdt: gbdtMeta, forest: forestMeta };
const isKind = (kind: string): kind is ModelKind => Object.hasOwn(METAS, kind);

/** `Gradient-boosted trees` for `gbdt`; a kind this build does not know, as stored. */
export function kindLabel(kind: string): string {
  return isKind(kind) ? METAS[kind].label : kind;
}

/**
 * The backend a stored run trained on. A run records `auto` until it has chosen one, so a run that
 * ended before choosing (or is still choosing) shows `—` rather than a setting it never used.
 */
export function recordedBackendWords(kind: string, backend: string): string {
  if ((isKind(kind) && isTreeKind(kind)) || backend === 'js') return 'JavaScript';
  return Object.hasOwn(BACKEND_LABELS, backend) ? BACKEND_LABELS[backend as BackendName] : '—';
}

/** An option's label without its explanation in brackets (`Batch size` for `batchSize`), `Seed` for the seed; unknown names as stored. */
export function optionLabel(name: string): string {
  if (name === 'seed') return 'Seed';
  // The layer sizes a network spec may carry as a list (`hidden: [64, 32]`), one entry a layer.
  if (name === 'hidden') return 'Units in hidden layer';
  // Networks first: logistic and MLP share their loop options' labels, while linear regression calls its l2 a ridge penalty.
  for (const meta of [mlpMeta, logisticMeta, gbdtMeta, forestMeta, linearMeta, baselineMeta]) {
    const option = meta.options.find((o) => o.name === name);
    if (option) return option.label.replace(/\s*\([^)]*\)$/, '');
  }
  return name;
}

const FIELD_WORDS: Readonly<Record<string, string>> = {
  dataset: 'Dataset', backend: 'Backend', seed: 'Seed', 'spec.kind': 'Model kind', 'spec.seed': 'Seed',
  'recipe.target': 'Target', 'recipe.task': 'Task', 'recipe.version': 'Recipe format',
  'recipe.split.method': 'Split', 'recipe.split.testFraction': 'Test share', 'recipe.split.seed': 'Split seed', 'recipe.split.folds': 'Cross-validation folds',
};

/** Recipe step fields as the Prepare stage labels them. */
const STEP_FIELD_WORDS: Readonly<Record<string, string>> = {
  strategy: 'fill with', value: 'fill value', indicator: 'missing-indicator column', topK: 'categories kept', columns: 'column',
};

/**
 * A flattened setting path of a run (`spec.options.learningRate`, `recipe.steps[1].strategy`) in
 * words for the comparison table: `Learning rate`, `Recipe step 2: strategy`. Paths it does not
 * know keep their last parts, split from camelCase.
 */
export function settingLabel(path: string): string {
  if (FIELD_WORDS[path]) return FIELD_WORDS[path];
  const option = /^spec\.options\.([^.[]+)(?:\[(\d+)\])?$/.exec(path);
  if (option) return `${optionLabel(option[1])}${option[2] !== undefined ? ` ${Number(option[2]) + 1}` : ''}`;
  const step = /^recipe\.steps\[(\d+)\]\.?(.*)$/.exec(path);
  const words = (s: string) => s.replace(/^([^.[]+)/, (field: string) => STEP_FIELD_WORDS[field] ?? field).replace(/\[(\d+)\]/g, (_, i: string) => ` ${Number(i) + 1}`).replace(/\./g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().trim();
  if (step) return `Recipe step ${Number(step[1]) + 1}${step[2] ? `: ${words(step[2])}` : ''}`;
  const rest = words(path.replace(/^(spec|recipe)\./, ''));
  return rest ? rest[0].toUpperCase() + rest.slice(1) : path;
}
