import { suggestModelName } from '../core/deploy';
import type { Registry } from './registry.svelte';

/** A version a run was registered as. */
export interface RegisteredAs {
  model: string;
  version: number;
}

/**
 * Which runs are registered, and as which versions, read from the registry's versions. The runs
 * table and the evaluation read it to name a registered run by its version (`penguins-species v2`)
 * and to stop offering Register on it. Views call `load()` whenever the registry's models change.
 */
export class RegisteredRuns {
  byRun = $state.raw<ReadonlyMap<string, readonly RegisteredAs[]>>(new Map());
  readonly #registry: Registry;
  #loading: Promise<void> | null = null;
  #again = false;

  constructor(registry: Registry) {
    this.#registry = registry;
  }

  /** Re-reads every version; concurrent calls coalesce into one more read. */
  load(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      do {
        this.#again = false;
        const byRun = new Map<string, RegisteredAs[]>();
        for (const v of await this.#registry.allVersions()) {
          const list = byRun.get(v.runId) ?? [];
          list.push({ model: v.model, version: v.version });
          byRun.set(v.runId, list);
        }
        for (const list of byRun.values()) list.sort((a, b) => a.model.localeCompare(b.model) || a.version - b.version);
        this.byRun = byRun;
      } while (this.#again);
    })()
      // A registry that cannot be read already says so in its own error; the run then just shows unregistered.
      .catch(() => undefined)
      .finally(() => (this.#loading = null));
    return this.#loading;
  }

  /** `penguins-species v2` (several versions joined by commas), or null when `runId` is not registered. */
  nameOf(runId: string): string | null {
    const list = this.byRun.get(runId);
    return list?.length ? list.map((v) => `${v.model} v${v.version}`).join(', ') : null;
  }
}

const instances = new WeakMap<Registry, RegisteredRuns>();

/** The one `RegisteredRuns` of `registry`, shared by every view that names runs. */
export function registeredRunsOf(registry: Registry): RegisteredRuns {
  let found = instances.get(registry);
  if (!found) instances.set(registry, (found = new RegisteredRuns(registry)));
  return found;
}

/** The name offered when registering stored run `runId`: its data file and target (`penguins-species`). */
export function suggestedNameFor(registry: Pick<Registry, 'runs' | 'datasets'>, runId: string): string {
  const run = registry.runs.find((r) => r.id === runId);
  const data = run && registry.datasets.find((d) => d.id === run.datasetId);
  const recipe = run?.recipe;
  const target = recipe && typeof recipe === 'object' && !Array.isArray(recipe) && typeof recipe.target === 'string' ? recipe.target : null;
  return suggestModelName(data?.sourceFileName || data?.name || '', target);
}
