import { transfer, type Remote } from 'comlink';
import type { DeriveCheck, MatrixPreview, PreviewOptions, Recipe, RecipeProposal, SplitSpec, TargetRule } from '../core/recipe';
import type { Table } from '../core/table';
import type { RecipeApi } from '../../workers/recipe';
import { shareOrCopyTable } from './copyTable';
import { toProfileLike } from '../core/recipe/page';
import { WorkerBridge } from './WorkerBridge';

/**
 * The recipe worker: proposes recipes, previews the feature matrix, derives targets and validates
 * derive expressions. Started on first use; the table is sent once per dataset (shared where it is on shared memory, else copied). Aborting a
 * call's `signal` stops the worker; the next call starts a new one and sends the table again.
 */
export class RecipeBridge {
  #sent: Table | null = null;
  readonly #bridge = new WorkerBridge<RecipeApi>({
    create: () => new Worker(new URL('../../workers/recipe.ts', import.meta.url), { type: 'module' }),
    crashed: (detail) => new Error(`The recipe worker stopped (${detail}). Try again.`),
    cancelled: 'The recipe work was cancelled.',
    onStop: () => (this.#sent = null),
  });

  propose(table: Table, target: string, profile?: unknown, signal?: AbortSignal): Promise<RecipeProposal> {
    return this.#call(table, (api) => api.propose(target, toProfileLike(profile)), signal);
  }

  splitSummary(table: Table, target: string, split: SplitSpec, signal?: AbortSignal): Promise<string> {
    return this.#call(table, (api) => api.splitSummary(target, split), signal);
  }

  preview(table: Table, recipe: Recipe, options: PreviewOptions, signal?: AbortSignal): Promise<MatrixPreview> {
    return this.#call(table, (api) => api.preview(recipe, options), signal);
  }

  /** The open table with the derived target added; the worker already holds it, so it is not sent again. */
  async deriveTarget(table: Table, name: string, rule: TargetRule, signal?: AbortSignal): Promise<Table> {
    const column = await this.#call(table, (api) => api.deriveTarget(name, rule), signal);
    const next: Table = { ...table, columns: [...table.columns, column] };
    if (this.#sent === table) this.#sent = next;
    return next;
  }

  validateDerive(table: Table, name: string, expression: string, signal?: AbortSignal): Promise<DeriveCheck> {
    return this.#call<DeriveCheck>(table, (api) => api.validateDerive(name, expression), signal);
  }

  #call<T>(table: Table, fn: (api: Remote<RecipeApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.#bridge.call(async (api) => {
      if (this.#sent !== table) {
        const copy = await shareOrCopyTable(table, signal);
        await api.setTable(transfer(copy.table, copy.buffers));
        this.#sent = table;
      }
      return fn(api);
    }, signal);
  }
}
