/** Normalises untrusted JSON (a file, a share link) into a Recipe, or explains what is wrong. */
import type { Recipe, Step } from './types';
import { RecipeError } from './errors';

const STEP_KINDS = ['drop', 'impute', 'scale', 'encode', 'datetime', 'power', 'clip', 'derive'];
const TASKS = ['binary', 'multiclass', 'regression'];
const SPLITS = ['random', 'stratified', 'time'];

export function parseRecipe(json: unknown, source = 'recipe'): Recipe {
  const fail = (what: string): never => {
    throw new RecipeError(`${source}: ${what}. See a proposed recipe for the expected shape.`);
  };
  if (typeof json !== 'object' || json === null) return fail('expected a JSON object');
  const r = json as Record<string, unknown>;
  if (r.version !== 1) fail(`version ${JSON.stringify(r.version)} is not supported (expected 1)`);
  if (typeof r.target !== 'string') fail('"target" must be a column name');
  if (!TASKS.includes(r.task as string)) fail(`"task" ${JSON.stringify(r.task)} must be one of ${TASKS.join(', ')}`);
  if (!Array.isArray(r.steps)) fail('"steps" must be an array');
  (r.steps as unknown[]).forEach((s, i) => {
    const step = s as Record<string, unknown>;
    if (!STEP_KINDS.includes(step?.kind as string)) fail(`step ${i + 1} has kind ${JSON.stringify(step?.kind)}; use one of ${STEP_KINDS.join(', ')}`);
    if (step.kind === 'derive') {
      if (typeof step.name !== 'string' || typeof step.expression !== 'string') fail(`step ${i + 1} (derive) needs "name" and "expression" strings`);
    } else if (!Array.isArray(step.columns) || !step.columns.every((c) => typeof c === 'string')) {
      fail(`step ${i + 1} (${step.kind}) needs "columns": an array of column names`);
    }
  });
  const split = (r.split ?? {}) as Record<string, unknown>;
  const method = split.method ?? (r.task === 'regression' ? 'random' : 'stratified');
  if (!SPLITS.includes(method as string)) fail(`split method ${JSON.stringify(method)} must be one of ${SPLITS.join(', ')}`);
  return {
    version: 1,
    target: r.target as string,
    task: r.task as Recipe['task'],
    steps: r.steps as Step[],
    split: {
      method: method as Recipe['split']['method'],
      testFraction: typeof split.testFraction === 'number' ? split.testFraction : 0.2,
      seed: typeof split.seed === 'number' ? split.seed : 42,
      ...(typeof split.timeColumn === 'string' ? { timeColumn: split.timeColumn } : {}),
      ...(split.folds !== undefined ? { folds: split.folds as number | 'auto' } : {}),
    },
  };
}
