import type { DeriveCheck, GroupSuggestion, Recipe, RecipeProposal, SplitSpec, Step, TargetRule, Task, TaskInference, TimeSuggestion } from '../core/recipe';
import { parseRecipe, recipeWithTargetRule } from '../core/recipe/page';
import { diffLines } from 'diff';
import type { Table } from '../core/table';
import { download } from './explore.svelte';
import { isAbort, toUserError, type UserError } from './errors';
import { MatrixPreviewState, type PreviewService } from './matrixPreview.svelte';

/** What the Prepare stage asks of the modelling worker; row scans and arquero compilation happen there. */
export interface RecipeService extends PreviewService {
  /** Aborting `signal` ends the work at once (the proposal for a target or dataset left behind). */
  propose(table: Table, target: string, profile?: unknown, signal?: AbortSignal): Promise<RecipeProposal>;
  splitSummary(table: Table, target: string, split: SplitSpec): Promise<string>;
  validateDerive(table: Table, name: string, expression: string): Promise<DeriveCheck>;
  /** `table` with the yes/no column `name` computed by `rule` (in the worker) added. */
  deriveTarget(table: Table, name: string, rule: TargetRule): Promise<Table>;
}

export type StepKind = Step['kind'];

/** A fresh step of each kind, for "Add step". */
export function newStep(kind: StepKind): Step {
  switch (kind) {
    case 'drop':
      return { kind, columns: [] };
    case 'impute':
      return { kind, columns: [], strategy: 'median', indicator: false };
    case 'scale':
      return { kind, columns: [], method: 'standard' };
    case 'encode':
      return { kind, columns: [], method: 'onehot', topK: 20 };
    case 'datetime':
      return { kind, columns: [], parts: ['year', 'month', 'day', 'weekday', 'hour'], cyclic: true };
    case 'power':
      return { kind, columns: [], method: 'log' };
    case 'clip':
      return { kind, columns: [], lower: 0.01, upper: 0.99 };
    case 'derive':
      return { kind, name: 'new_column', expression: 'd => 0' };
    case 'text':
      return { kind, columns: [] };
    case 'deduplicate':
      return { kind, columns: [] };
    case 'filter':
      return { kind, column: '', op: 'present' };
  }
}

/**
 * The recipe being edited: proposed from the table and its profile when the target is chosen,
 * then changed step by step. It is plain JSON at all times, so it can be downloaded, uploaded and
 * compared with another recipe.
 */
export class PrepareState {
  recipe = $state<Recipe | null>(null);
  proposed = $state.raw<Recipe | null>(null);
  task = $state.raw<TaskInference | null>(null);
  missingTarget = $state(0);
  /** A column that looks like the entity of panel data, offered for a group split. */
  groupSuggestion = $state.raw<GroupSuggestion | null>(null);
  /** A datetime column to test on the latest rows of, offered for a time split. */
  timeSuggestion = $state.raw<TimeSuggestion | null>(null);
  /** The rows (and groups) on each side of the current split, or why it cannot be made. */
  splitSummary = $state.raw<{ text: string; error: boolean } | null>(null);
  #summaryCall = 0;
  busy = $state(false);
  error = $state<UserError | null>(null);
  deriveChecks = $state<Record<number, DeriveCheck>>({});
  /** A recipe loaded from a file for comparison, with the line diff against the current one. */
  comparison = $state.raw<{ name: string; lines: { kind: 'same' | 'added' | 'removed'; text: string }[] } | null>(null);
  #key = '';
  /** Explore's duplicate advice was taken before a recipe existed: add the step once one is proposed. */
  #pendingDeduplicate = false;
  /** Cancels the proposal in flight when another target or dataset takes its place. */
  #proposal: AbortController | null = null;
  /** Targets derived in this session, by name: their proposals record the rule and drop its source. */
  #rules = new Map<string, TargetRule>();

  /** The first rows of the feature matrix for the recipe being edited. */
  readonly matrix: MatrixPreviewState;

  constructor(private readonly service: RecipeService) {
    this.matrix = new MatrixPreviewState(service);
  }

  /** Proposes a recipe for this table and target unless one is already being edited for them. */
  async ensure(table: Table, target: string, profile?: unknown) {
    const key = `${table.name}\u0000${table.rowCount}\u0000${target}`;
    if (this.#key === key && this.recipe) return;
    this.#key = key;
    this.busy = true;
    this.error = null;
    this.#proposal?.abort();
    const proposal = (this.#proposal = new AbortController());
    try {
      const { recipe, task, missingTarget, groupSuggestion, timeSuggestion } = await this.service.propose(table, target, profile, proposal.signal);
      if (this.#key !== key) return;
      const rule = this.#rules.get(target);
      this.recipe = rule ? recipeWithTargetRule(recipe, rule) : recipe;
      this.proposed = structuredClone($state.snapshot(this.recipe) as Recipe);
      if (this.#pendingDeduplicate) this.addDeduplicate();
      this.task = task;
      this.missingTarget = missingTarget;
      this.groupSuggestion = groupSuggestion;
      this.timeSuggestion = timeSuggestion;
      this.deriveChecks = {};
      this.comparison = null;
    } catch (error) {
      if (!isAbort(error)) this.error = toUserError(`A recipe for "${target}" could not be proposed`, error);
      this.recipe = null;
    } finally {
      if (this.#key === key) this.busy = false;
    }
  }

  forget() {
    this.#proposal?.abort();
    this.#key = '';
    this.#pendingDeduplicate = false;
    this.recipe = null;
    this.proposed = null;
    this.task = null;
  }

  /** Recomputes the split summary in the worker; a later call wins over an earlier one still running. */
  /** Takes an offered split (whole groups, or the latest rows, on `column`); with null, goes back to the proposed method. */
  takeSplit(recipe: Recipe, method: 'group' | 'time', column: string | null) {
    const split = recipe.split;
    const key = method === 'group' ? 'groupColumn' : 'timeColumn';
    if (column !== null) {
      split.method = method;
      split[key] = column;
      return;
    }
    const proposed = this.proposed?.split.method;
    split.method = proposed && proposed !== method ? proposed : recipe.task === 'regression' ? 'random' : 'stratified';
    delete split[key];
  }

  async summarizeSplit(table: Table, target: string, split: SplitSpec) {
    const call = ++this.#summaryCall;
    let summary: { text: string; error: boolean };
    try {
      summary = { text: await this.service.splitSummary(table, target, split), error: false };
    } catch (error) {
      if (isAbort(error)) return;
      summary = { text: toUserError('This split cannot be made', error).message, error: true };
    }
    if (call === this.#summaryCall) this.splitSummary = summary;
  }

  /** The open table with a derived target added, or null (with `error` set) when the rule cannot be applied. */
  async deriveTarget(table: Table, name: string, rule: TargetRule): Promise<Table | null> {
    try {
      const next = await this.service.deriveTarget(table, name.trim(), rule);
      this.#rules.set(name.trim(), rule);
      // A target derived again under the same name gets a new proposal, with the new rule.
      this.#key = '';
      this.error = null;
      return next;
    } catch (error) {
      if (!isAbort(error)) this.error = toUserError(`The target "${name}" could not be derived`, error);
      return null;
    }
  }

  /**
   * `table` without the derived targets other than `keep`: a derived column exists only while it is
   * the target, so no other recipe reads a column the file lacks.
   */
  withoutDerived(table: Table, keep: string | null): Table {
    const drop = (name: string) => name !== keep && this.#rules.has(name);
    return table.columns.some((c) => drop(c.name)) ? { ...table, columns: table.columns.filter((c) => !drop(c.name)) } : table;
  }

  setTask(task: Task) {
    if (this.recipe) this.recipe.task = task;
  }

  /** Explore's duplicate advice, taken: a deduplicate step first in the recipe (now, or once it is proposed). */
  addDeduplicate() {
    this.#pendingDeduplicate = !this.recipe;
    if (this.recipe && !this.recipe.steps.some((s) => s.kind === 'deduplicate')) this.recipe.steps.unshift({ kind: 'deduplicate' });
  }

  addStep(kind: StepKind) {
    this.recipe?.steps.push(newStep(kind));
  }

  removeStep(index: number) {
    this.recipe?.steps.splice(index, 1);
    this.deriveChecks = {};
  }

  moveStep(index: number, by: -1 | 1) {
    const steps = this.recipe?.steps;
    const to = index + by;
    if (!steps || to < 0 || to >= steps.length) return;
    const [step] = steps.splice(index, 1);
    steps.splice(to, 0, step);
    this.deriveChecks = {};
  }

  resetToProposed() {
    if (this.proposed) this.recipe = structuredClone(this.proposed);
    this.deriveChecks = {};
  }

  async checkDerive(table: Table, index: number) {
    const step = this.recipe?.steps[index];
    if (step?.kind !== 'derive') return;
    const check = await this.service.validateDerive(table, step.name, step.expression);
    this.deriveChecks = { ...this.deriveChecks, [index]: check };
  }

  /** A plain snapshot (no Svelte proxies), for the worker, storage and downloads. */
  snapshot(): Recipe | null {
    return this.recipe ? ($state.snapshot(this.recipe) as Recipe) : null;
  }

  download(fileName: string) {
    const recipe = this.snapshot();
    if (recipe) download(new Blob([`${JSON.stringify(recipe, null, 2)}\n`], { type: 'application/json' }), fileName);
  }

  /** Reads a recipe file; `use` replaces the current recipe, otherwise it is shown as a diff. */
  async upload(file: File, use: boolean, columns: string[]) {
    try {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch (e) {
        throw new Error(`${file.name} is not valid JSON (${(e as Error).message}).`);
      }
      const recipe = parseRecipe(json, file.name);
      const unknown = referencedColumns(recipe).filter((c) => !columns.includes(c));
      if (use && unknown.length) throw new Error(`${file.name} refers to columns this dataset does not have: ${unknown.join(', ')}.`);
      if (use) {
        this.recipe = recipe;
        this.comparison = null;
      } else this.comparison = { name: file.name, lines: diffRecipeLines(JSON.stringify(this.snapshot(), null, 2), JSON.stringify(recipe, null, 2)) };
      this.error = null;
    } catch (error) {
      this.error = toUserError(`The recipe ${file.name} could not be read`, error);
    }
  }
}

function referencedColumns(recipe: Recipe): string[] {
  const names = new Set<string>([recipe.target]);
  for (const s of recipe.steps) if ('columns' in s) s.columns?.forEach((c) => names.add(c));
  for (const s of recipe.steps) if (s.kind === 'filter') names.add(s.column);
  // Columns created by earlier steps (derive, indicators) are not in the table; only check plain inputs.
  for (const s of recipe.steps) if (s.kind === 'derive') names.delete(s.name);
  if (recipe.targetRule) names.delete(recipe.target);
  return [...names];
}

/** A line diff of two recipes' pretty-printed JSON. */
export function diffRecipeLines(a: string, b: string): { kind: 'same' | 'added' | 'removed'; text: string }[] {
  return diffLines(a, b).flatMap((part) =>
    part.value
      .replace(/\n$/, '')
      .split('\n')
      .map((text) => ({ kind: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const), text })),
  );
}
