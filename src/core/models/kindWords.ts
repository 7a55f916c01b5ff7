/**
 * How a model kind reads on screen: what one training step is called, how many steps a run goes
 * to at most, the backend it trains on, why a person would pick it, and its choice values in words.
 */
import type { Recipe } from '../recipe';
import { forTrees } from '../recipe/page';
import type { BackendName } from './backend';
import { BACKEND_LABELS } from './backendProbe';
import { baselineMeta } from './baseline/meta';
import { linearMeta } from './linear/meta';
import { logisticMeta } from './logistic/meta';
import { mlpMeta } from './mlp/meta';
import type { ModelMeta, OptionMeta } from './options';
import { forestMeta, gbdtMeta } from './trees/meta';
import type { ModelKind, ModelSpec } from './types';

const METAS: Record<ModelKind, ModelMeta> = { baseline: baselineMeta, linear: linearMeta, logistic: logisticMeta, mlp: mlpMeta, gbdt: gbdtMeta, forest: forestMeta };

export type TreeKind = 'gbdt' | 'forest';
export const isTreeKind = (kind: ModelKind): kind is TreeKind => kind === 'gbdt' || kind === 'forest';

/** One step of training: a boosting round, one more tree of a forest, or an epoch of a network. */
export function stepNoun(kind: ModelKind): 'round' | 'tree' | 'epoch' {
  return kind === 'gbdt' ? 'round' : kind === 'forest' ? 'tree' : 'epoch';
}

/** The option that caps the steps of a kind (`rounds`, `trees`, `epochs`). */
const STEP_OPTION: Partial<Record<ModelKind, string>> = { gbdt: 'rounds', forest: 'trees', mlp: 'epochs', logistic: 'epochs', linear: 'epochs' };

/** The most steps a run of `spec` takes: its rounds / trees / epochs option, or the default; 0 when unknown. */
export function maxSteps(spec: ModelSpec): number {
  const name = STEP_OPTION[spec.kind];
  if (!name) return 0;
  const given = spec.options?.[name];
  const fallback = METAS[spec.kind].options.find((o) => o.name === name)?.default;
  const value = Number(given ?? fallback ?? 0);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** The backend in words: trees run in plain JavaScript, networks on a TF.js backend ("WASM", "WEBGPU"…). */
export function backendWords(kind: ModelKind, backend: BackendName | null | undefined): string {
  if (isTreeKind(kind)) return 'JavaScript';
  return backend ? BACKEND_LABELS[backend].toUpperCase() : '—';
}

/** Why a person would train each kind, in half a sentence. */
export const KIND_REASONS: Readonly<Record<ModelKind, string>> = {
  gbdt: 'usually the most accurate on tables',
  forest: 'accurate with little tuning, and it reports an out-of-bag score',
  mlp: 'a neural network that can learn smooth interactions between many features',
  logistic: 'a simple model whose weights are easy to read',
  linear: 'a simple model whose weights are easy to read',
  baseline: 'the constant answer every other model has to beat',
};

/** "Will train gradient-boosted trees — usually the most accurate on tables; change it under Model settings." */
export function willTrainSentence(kind: ModelKind): string {
  const label = METAS[kind].label;
  const name = label.charAt(0).toLowerCase() + label.slice(1);
  return `Will train ${name} — ${KIND_REASONS[kind]}; change it under Model settings.`;
}

/** Choice values in words where a meta gives none (keyed by option name, then value). */
const CHOICE_WORDS: Readonly<Record<string, Record<string, string>>> = {
  classWeight: { none: 'equal', balanced: 'balanced' },
};

/** How a choice value of `option` reads on screen. */
export function choiceLabel(option: OptionMeta, value: string): string {
  const own = option.type === 'choice' ? option.choiceLabels?.[value] : undefined;
  return own ?? CHOICE_WORDS[option.name]?.[value] ?? value;
}

/**
 * What a tree model trained with `options` leaves out of `recipe` (one sentence per change), or an
 * empty list when the kind is not a tree or its `recipeSteps` option asks for the recipe as written.
 */
export function treeRecipeChanges(kind: ModelKind, options: Record<string, unknown>, recipe: Recipe): string[] {
  if (!isTreeKind(kind) || options.recipeSteps === 'as-written') return [];
  return forTrees(recipe).changes;
}
