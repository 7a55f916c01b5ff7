/**
 * A target derived from another column by a yes/no rule (`delay > 15` → `delayed`). The rule is kept
 * in the recipe, so a run, an experiment file or a share link computes the same column again from
 * the raw file, bit for bit.
 */
import { isNumeric, type Column, type StringColumn, type Table } from '../table';
import { RecipeError } from './errors';
import { columnList } from './frame';
import { numericValue } from './rowSteps';
import { withColumnDropped } from './dropColumn';
import type { Recipe, TargetRule, TargetRuleOp } from './types';

export const TARGET_RULE_OPS: readonly TargetRuleOp[] = ['>', '>=', '<', '<=', '=', '!=', 'missing', 'oneOf'];
const ORDERED: readonly TargetRuleOp[] = ['>', '>=', '<', '<='];
const WORDS: Record<TargetRuleOp, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤', '=': '=', '!=': '≠', missing: 'is missing', oneOf: 'is one of' };
/** The derived column's labels, in code order: "yes" sorts last, so it is the positive class. */
export const TARGET_LABELS = ['no', 'yes'] as const;

/** The operator as people write it: "≥", "is one of". */
export const ruleOpWords = (op: TargetRuleOp) => WORDS[op];

/** "yes when delay > 15", "yes when carrier is one of AA, UA". */
export function describeTargetRule(rule: TargetRule): string {
  const value = rule.op === 'missing' ? '' : rule.op === 'oneOf' ? ` ${(rule.values ?? []).join(', ')}` : ` ${rule.value}`;
  return `yes when ${rule.column} ${WORDS[rule.op]}${value}, otherwise no`;
}

/**
 * The yes/no column `name` from `rule` over `table`. A missing source cell gives a missing answer
 * (the row is left out of training), except for "is missing", which answers every row.
 */
export function deriveTargetColumn(table: Table, name: string, rule: TargetRule): StringColumn {
  const where = `The target rule for '${name}'`;
  if (!name.trim()) throw new RecipeError('The new target needs a name; type one, e.g. "delayed".');
  if (table.columns.some((c) => c.name === name)) throw new RecipeError(`${where}: '${table.name}' already has a column '${name}'; choose another name.`, { column: name });
  if (!TARGET_RULE_OPS.includes(rule.op)) throw new RecipeError(`${where} has the condition '${String(rule.op)}'; use one of ${TARGET_RULE_OPS.map((o) => WORDS[o]).join(', ')}.`);
  const source = table.columns.find((c) => c.name === rule.column);
  if (!source) throw new RecipeError(`${where} reads column '${rule.column}', which is not in '${table.name}' (columns: ${columnList(table)}). Pick one of its columns.`, { column: rule.column });
  const test = rowTest(source, rule, where);
  const codes = new Int32Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) codes[r] = test(r);
  return { name, type: 'categorical', codes, dictionary: [...TARGET_LABELS] } as StringColumn;
}

/** For each row: 1 yes, 0 no, -1 unknown (missing source). */
function rowTest(column: Column, rule: TargetRule, where: string): (r: number) => number {
  const op = rule.op;
  if (isNumeric(column)) {
    const values = column.values;
    if (op === 'missing') return (r) => (Number.isNaN(values[r]) ? 1 : 0);
    const list = op === 'oneOf' ? (rule.values ?? []).map((v) => numericValue(column, v, where)) : [];
    const v = op === 'oneOf' ? NaN : numericValue(column, rule.value, where);
    const yes = (x: number) => (op === 'oneOf' ? list.includes(x) : op === '=' ? x === v : op === '!=' ? x !== v : op === '>' ? x > v : op === '>=' ? x >= v : op === '<' ? x < v : x <= v);
    return (r) => (Number.isNaN(values[r]) ? -1 : yes(values[r]) ? 1 : 0);
  }
  const codes = column.codes;
  if (op === 'missing') return (r) => (codes[r] < 0 ? 1 : 0);
  if (ORDERED.includes(op)) {
    throw new RecipeError(`${where} uses '${WORDS[op]}' on '${column.name}', which is ${column.type}: text has no order. Use =, ≠ or "is one of", or pick a numeric column.`, { column: column.name });
  }
  const wanted = op === 'oneOf' ? (rule.values ?? []) : [String(rule.value ?? '')];
  if (wanted.length === 0) throw new RecipeError(`${where} uses "is one of" with no values; list them separated by commas.`, { column: column.name });
  const hit = new Uint8Array(column.dictionary.length);
  column.dictionary.forEach((d, i) => (hit[i] = wanted.includes(d) ? 1 : 0));
  const flip = op === '!=' ? 1 : 0;
  return (r) => (codes[r] < 0 ? -1 : hit[codes[r]] ^ flip);
}

/** `table` with the recipe's derived target added, when the recipe has a rule and the table lacks the column. */
export function withTargetRule(table: Table, recipe: Recipe): Table {
  const rule = recipe.targetRule;
  if (!rule || table.columns.some((c) => c.name === recipe.target)) return table;
  return { ...table, columns: [...table.columns, deriveTargetColumn(table, recipe.target, rule)] };
}

/**
 * A proposed recipe for a derived target: the rule recorded, and its source column dropped from the
 * features (it would give the answer away) and taken out of every other step.
 */
export function recipeWithTargetRule(recipe: Recipe, rule: TargetRule): Recipe {
  const source = rule.column;
  const steps = recipe.steps.flatMap((s) => {
    if (!('columns' in s) || !s.columns || s.kind === 'deduplicate') return [s];
    const columns = s.columns.filter((c) => c !== source);
    return columns.length || s.kind === 'drop' ? [{ ...s, columns }] : [];
  });
  return { ...recipe, targetRule: structuredClone(rule), steps: withColumnDropped(steps, source) };
}

/** Why the source column is out of the features, for Prepare. */
export const sourceDropReason = (target: string, rule: TargetRule) =>
  `“${rule.column}” is dropped from the features: “${target}” is computed from it, so it would give the answer away.`;
