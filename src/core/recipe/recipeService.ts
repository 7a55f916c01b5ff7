import { isNumeric, type Table } from '../table';
import { describeSplit, splitRows } from './split';
import type { SplitSpec } from './types';
import { inferTask } from './task';
import { suggestGroupColumn, type GroupSuggestion } from './groupColumn';
import { suggestTimeSplit, type TimeSuggestion } from './timeSplit';
import type { TaskInference } from './task';
import { proposeRecipe, type ProfileLike } from './propose';
import { validateDerive } from './steps';
import { previewMatrix, type PreviewOptions } from './preview';
import { deriveTargetColumn } from './targetRule';
import type { Recipe, TargetRule } from './types';

/** A proposed recipe for a target, what the page says about the target, and the split offers. */
export interface RecipeProposal {
  recipe: Recipe;
  task: TaskInference;
  missingTarget: number;
  groupSuggestion: GroupSuggestion | null;
  timeSuggestion: TimeSuggestion | null;
}

/**
 * The recipe worker's service: recipe work that scans rows or compiles arquero expressions, off the
 * main thread. That worker (and the train worker) are the only contexts whose CSP allows
 * `unsafe-eval`: arquero compiles derive expressions with `Function`.
 */
export function recipeService() {
  let table: Table | null = null;

  function need(): Table {
    if (!table) throw new Error('No table has been sent to the recipe worker yet.');
    return table;
  }

  return {
    setTable(next: Table) {
      table = next;
    },
    propose(target: string, profile?: ProfileLike): RecipeProposal {
      const t = need();
      const column = t.columns.find((c) => c.name === target);
      if (!column) throw new Error(`There is no column "${target}" in ${t.name}.`);
      const task = inferTask(column);
      let missingTarget = 0;
      if (isNumeric(column)) for (const v of column.values) missingTarget += v !== v ? 1 : 0;
      else for (const c of column.codes) missingTarget += c < 0 ? 1 : 0;
      // Panel data gets the group offer, which already keeps each entity's times on one side.
      const groupSuggestion = suggestGroupColumn(t, target);
      return { recipe: proposeRecipe(t, profile, target), task, missingTarget, groupSuggestion, timeSuggestion: groupSuggestion ? null : suggestTimeSplit(t, target) };
    },
    /** The rows (and groups) each side of the split would get, as one line. */
    splitSummary(target: string, split: SplitSpec) {
      return describeSplit(splitRows(need(), target, split));
    },
    /** The first rows of the feature matrix, the recipe fitted on its training split. */
    preview(recipe: Recipe, options?: PreviewOptions) {
      return previewMatrix(need(), recipe, options);
    },
    /** Adds the yes/no column `name` computed by `rule` to the worker's table, and returns it. */
    deriveTarget(name: string, rule: TargetRule) {
      const t = need();
      const column = deriveTargetColumn(t, name, rule);
      table = { ...t, columns: [...t.columns, column] };
      return column;
    },
    validateDerive(name: string, expression: string) {
      const t = need();
      return validateDerive(t.columns.map((c) => ({ name: c.name, type: c.type })), name, expression);
    },
  };
}
