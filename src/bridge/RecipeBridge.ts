import { transfer, wrap, type Remote } from 'comlink';
import type { DeriveCheck, GroupSuggestion, Recipe, SplitSpec, TaskInference } from '../core/recipe';
import type { Table } from '../core/table/types';
import type { RecipeApi } from '../../workers/recipe';
import type { RecipeService } from '../state/prepare.svelte';
import { shareOrCopyTable } from './copyTable';
import { toProfileLike } from '../core/recipe/profileLike';

/** The recipe worker: proposes recipes and validates derive expressions. Started on first use; the table is sent once per dataset (shared where it is on shared memory, else copied). */
export class RecipeBridge implements RecipeService {
  private worker: Worker | null = null;
  private api: Remote<RecipeApi> | null = null;
  private sent: Table | null = null;
  private crash: ((e: Error) => void) | null = null;

  async propose(table: Table, target: string, profile?: unknown): Promise<{ recipe: Recipe; task: TaskInference; missingTarget: number; groupSuggestion: GroupSuggestion | null }> {
    return this.call(table, (api) => api.propose(target, toProfileLike(profile)));
  }

  async splitSummary(table: Table, target: string, split: SplitSpec): Promise<string> {
    return this.call(table, (api) => api.splitSummary(target, split));
  }

  async validateDerive(table: Table, name: string, expression: string): Promise<DeriveCheck> {
    return this.call<DeriveCheck>(table, (api) => api.validateDerive(name, expression));
  }

  dispose() {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.sent = null;
  }

  private async call<T>(table: Table, fn: (api: Remote<RecipeApi>) => Promise<T>): Promise<T> {
    const api = this.ensure();
    const crashed = new Promise<never>((_, reject) => (this.crash = reject));
    crashed.catch(() => undefined);
    if (this.sent !== table) {
      const copy = await shareOrCopyTable(table);
      await Promise.race([api.setTable(transfer(copy.table, copy.buffers)), crashed]);
      this.sent = table;
    }
    return Promise.race([fn(api), crashed]);
  }

  private ensure(): Remote<RecipeApi> {
    if (this.api) return this.api;
    const worker = new Worker(new URL('../../workers/recipe.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.crash?.(new Error(`The recipe worker stopped (${event.message || 'no message'}). Try again.`));
      this.dispose();
    });
    this.worker = worker;
    this.api = wrap<RecipeApi>(worker);
    return this.api;
  }
}
