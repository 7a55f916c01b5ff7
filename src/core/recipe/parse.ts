/** Normalises untrusted JSON (a file, a share link) into a Recipe, or explains what is wrong. */
import type { Recipe, Step, TargetRule, TargetRuleOp } from './types';
import { RecipeError } from './errors';
import { FILTER_OPS } from './rowSteps';
import { TARGET_RULE_OPS } from './targetRule';

const STEP_KINDS = ['drop', 'impute', 'scale', 'encode', 'datetime', 'power', 'clip', 'derive', 'text', 'deduplicate', 'filter'];
const names = (v: unknown) => Array.isArray(v) && v.every((c) => typeof c === 'string');
const TASKS = ['binary', 'multiclass', 'regression'];
const SPLITS = ['random', 'stratified', 'time', 'group'];

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
    } else if (step.kind === 'deduplicate') {
      if (step.columns !== undefined && !names(step.columns)) fail(`step ${i + 1} (deduplicate) may have "columns": an array of column names (empty = every column)`);
    } else if (step.kind === 'filter') {
      if (typeof step.column !== 'string') fail(`step ${i + 1} (filter) needs "column": a column name`);
      if (!FILTER_OPS.includes(step.op as never)) fail(`step ${i + 1} (filter) has "op" ${JSON.stringify(step.op)}; use one of ${FILTER_OPS.join(', ')}`);
      const needsValue = step.op !== 'missing' && step.op !== 'present';
      if (needsValue && typeof step.value !== 'number' && typeof step.value !== 'string') fail(`step ${i + 1} (filter) needs "value", a number or a string, to compare with`);
    } else if (!names(step.columns)) {
      fail(`step ${i + 1} (${step.kind}) needs "columns": an array of column names`);
    }
  });
  const split = (r.split ?? {}) as Record<string, unknown>;
  const method = split.method ?? (r.task === 'regression' ? 'random' : 'stratified');
  if (!SPLITS.includes(method as string)) fail(`split method ${JSON.stringify(method)} must be one of ${SPLITS.join(', ')}`);
  if (method === 'group' && typeof split.groupColumn !== 'string') fail('split method "group" needs "groupColumn": the column whose values are the groups');
  const rule = r.targetRule === undefined ? undefined : parseTargetRule(r.targetRule, fail);
  return {
    ...(rule ? { targetRule: rule } : {}),
    version: 1,
    target: r.target as string,
    task: r.task as Recipe['task'],
    steps: r.steps as Step[],
    split: {
      method: method as Recipe['split']['method'],
      testFraction: typeof split.testFraction === 'number' ? split.testFraction : 0.2,
      seed: typeof split.seed === 'number' ? split.seed : 42,
      ...(typeof split.timeColumn === 'string' ? { timeColumn: split.timeColumn } : {}),
      ...(typeof split.groupColumn === 'string' ? { groupColumn: split.groupColumn } : {}),
      ...(split.folds !== undefined ? { folds: split.folds as number | 'auto' } : {}),
    },
  };
}

function parseTargetRule(json: unknown, fail: (what: string) => never): TargetRule {
  const r = json as Record<string, unknown>;
  if (typeof r !== 'object' || r === null || typeof r.column !== 'string') return fail('"targetRule" needs "column": the column the target is derived from');
  if (!TARGET_RULE_OPS.includes(r.op as never)) fail(`"targetRule" has "op" ${JSON.stringify(r.op)}; use one of ${TARGET_RULE_OPS.join(', ')}`);
  if (r.op === 'oneOf' && !names(r.values)) fail('"targetRule" with "oneOf" needs "values": an array of strings');
  if (r.op !== 'oneOf' && r.op !== 'missing' && typeof r.value !== 'number' && typeof r.value !== 'string') fail('"targetRule" needs "value", a number or a string, to compare with');
  const op = r.op as TargetRuleOp;
  return { column: r.column, op, ...(op === 'oneOf' ? { values: [...(r.values as string[])] } : op === 'missing' ? {} : { value: r.value as number | string }) };
}
