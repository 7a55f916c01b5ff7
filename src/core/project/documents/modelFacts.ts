/** What the model and exit reports say about a registered version, read from its stored record. */
import type { ExplanationSummary, SliceReportJson } from '../../explain';
import { kindLabel } from '../../models/catalog';
import { splitWords, storedSummaries, type RunTraining } from '../../run';

export interface ModelFacts {
  model: string;
  version: number;
  createdAt: number;
  /** The kind in words ("Gradient-boosted trees"). */
  kind: string;
  task: 'binary' | 'multiclass' | 'regression';
  target: string;
  /** How many preparation steps the recipe has, and their kinds in order. */
  steps: string[];
  /** How the rows were split, in words ("not saved" when it was not kept). */
  split: string;
  dataName: string;
  dataRows: number | null;
  metrics: Record<string, number>;
  baselineMetrics: Record<string, number> | null;
  explanation?: ExplanationSummary;
  slices?: SliceReportJson;
  latency: { pass: boolean; targetP95Ms: number } | null;
}

/** The registry's version record, as far as the reports read it. */
export interface StoredVersion {
  model: string;
  version: number;
  createdAt: number;
  recipe: unknown;
  spec: unknown;
  metrics: unknown;
  training: RunTraining;
  latency?: unknown;
}

const numbers = (value: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));

export function modelFactsOf(v: StoredVersion, data: { name: string; rows: number } | null): ModelFacts {
  const recipe = (v.recipe ?? {}) as { task?: unknown; target?: unknown; steps?: { kind?: unknown }[] };
  const task = recipe.task === 'binary' || recipe.task === 'multiclass' ? recipe.task : 'regression';
  const latency = v.latency as { pass?: unknown; targetP95Ms?: unknown } | undefined;
  return {
    model: v.model,
    version: v.version,
    createdAt: v.createdAt,
    kind: kindLabel(String((v.spec as { kind?: unknown } | null)?.kind ?? 'model')),
    task,
    target: typeof recipe.target === 'string' ? recipe.target : 'the target',
    steps: Array.isArray(recipe.steps) ? recipe.steps.map((s) => String(s?.kind ?? 'step')) : [],
    split: splitWords(v.training),
    dataName: data?.name ?? 'the training data',
    dataRows: data?.rows ?? v.training.split?.dataRows ?? null,
    metrics: numbers(v.metrics),
    baselineMetrics: v.training.baselineMetrics,
    ...storedSummaries(v.training.result, task),
    latency: latency && typeof latency.pass === 'boolean' && typeof latency.targetP95Ms === 'number' ? { pass: latency.pass, targetP95Ms: latency.targetP95Ms } : null,
  };
}
