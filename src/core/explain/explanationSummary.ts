/**
 * A model's explanation made small, for run.json and the model card: the columns that matter most
 * (permutation importance ± its spread) and which way the top ones push the predictions.
 */
import type { ModelExplanation } from '../models';
import type { Task } from '../recipe';
import { dependenceShape, dependenceWords, type DependenceShape } from './dependenceWords';
import { permutationWords } from './modelExplanation';

export interface ExplanationSummary {
  /** What shuffling a column costs, in words: "drop in ROC AUC". */
  measure: string;
  /** Held-out rows the importance was measured on. */
  rows: number;
  /** Most important first, at most 10. */
  importance: { column: string; drop: number; sd: number }[];
  /** The top columns' partial dependence: its shape and a sentence. */
  effects: { column: string; shape: DependenceShape; words: string }[];
  /** How single rows are explained, in words; absent for a baseline. */
  contributions?: string;
  /** A baseline: no input changes its predictions. */
  constant?: boolean;
}

const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : v);

const METHOD_WORDS = {
  treeshap: 'exact contributions per row (TreeSHAP)',
  coefficients: 'exact contributions per row (coefficient × distance from the mean input)',
  sampling: 'estimated contributions per row (Shapley sampling, with a standard error each)',
};

export function explanationSummary(e: ModelExplanation, task: Task): ExplanationSummary {
  const method = e.trees ? 'treeshap' : e.contributions?.method;
  return {
    measure: permutationWords(task),
    rows: e.permutationRows,
    importance: e.permutation.slice(0, 10).map((p) => ({ column: p.name, drop: round(p.mean), sd: round(p.sd) })),
    effects: (e.dependence?.curves ?? []).map((c) => ({ column: c.column, shape: dependenceShape(c), words: dependenceWords(c, e.dependence!.output) })),
    ...(method ? { contributions: METHOD_WORDS[method] } : {}),
    ...(e.constant ? { constant: true } : {}),
  };
}

/** A deep copy for JSON files: numbers to 4 significant digits, typed arrays as arrays, NaN as null. */
export function explanationJson(e: ModelExplanation): unknown {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? round(v) : null;
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => walk(x));
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(e);
}
