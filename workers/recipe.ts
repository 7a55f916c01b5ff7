import { expose } from 'comlink';
import { describeSplit, inferTask, proposeRecipe, splitRows, suggestGroupColumn, validateDerive, type ProfileLike, type SplitSpec } from '../src/core/recipe';
import { isNumeric, type Table } from '../src/core/table/types';

let table: Table | null = null;

function need(): Table {
  if (!table) throw new Error('No table has been sent to the recipe worker yet.');
  return table;
}

/**
 * Recipe work that scans rows or compiles arquero expressions, off the main thread. This worker
 * (and the train worker) are the only contexts whose CSP allows `unsafe-eval`: arquero compiles
 * derive expressions with `Function`.
 */
const api = {
  setTable(next: Table) {
    table = next;
  },
  propose(target: string, profile?: ProfileLike) {
    const t = need();
    const column = t.columns.find((c) => c.name === target);
    if (!column) throw new Error(`There is no column "${target}" in ${t.name}.`);
    const task = inferTask(column);
    let missingTarget = 0;
    if (isNumeric(column)) for (const v of column.values) missingTarget += v !== v ? 1 : 0;
    else for (const c of column.codes) missingTarget += c < 0 ? 1 : 0;
    return { recipe: proposeRecipe(t, profile, target), task, missingTarget, groupSuggestion: suggestGroupColumn(t, target) };
  },
  /** The rows (and groups) each side of the split would get, as one line. */
  splitSummary(target: string, split: SplitSpec) {
    return describeSplit(splitRows(need(), target, split));
  },
  validateDerive(name: string, expression: string) {
    const t = need();
    return validateDerive(t.columns.map((c) => ({ name: c.name, type: c.type })), name, expression);
  },
};

export type RecipeApi = typeof api;
expose(api);
