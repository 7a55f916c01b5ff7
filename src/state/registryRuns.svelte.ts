import { queryRuns, type RunQuery } from './registryQuery';
import type { RunColumn, RunRow, RunTable } from './registryRows';

/** Runs on one page of the table: a render builds the DOM of one page, never of every run. */
export const RUNS_PAGE = 50;
/** Metrics shown until the user picks columns: these headline ones when present, else the first few. */
const HEADLINE = ['accuracy', 'rocAuc', 'logLoss', 'rmse', 'r2', 'mae'];

/**
 * What the runs table shows: filter, sort, chosen columns, page, and the runs ticked to compare.
 * Every step derives from `table()` (the registry's `runTable`) and is cached, so showing the table
 * again recomputes nothing, and a re-read recomputes only the steps whose inputs changed.
 */
export class RunsView {
  query = $state<RunQuery>({ sortKey: 'startedAt', descending: true, filterKey: '', filter: '' });
  /** Column keys the user picked; null shows the run fields and a few headline metrics. */
  chosen = $state<string[] | null>(null);
  /** Requested page, from 0; `current` is the page actually shown once the filter narrows the list. */
  page = $state(0);
  /** Ids of the runs ticked to compare: at most four, the latest kept. */
  selected = $state<string[]>([]);
  readonly #table: () => RunTable;

  constructor(table: () => RunTable) {
    this.#table = table;
  }

  // Deriveds rather than getters: when a re-read keeps the same lists, nothing below them recomputes.
  readonly rows: RunRow[] = $derived.by(() => this.#table().rows);
  readonly columns: RunColumn[] = $derived.by(() => this.#table().columns);

  readonly shown: RunColumn[] = $derived.by(() => {
    if (this.chosen) return this.columns.filter((c) => this.chosen!.includes(c.key));
    const metrics = this.columns.filter((c) => c.group === 'metric');
    const headline = metrics.filter((c) => HEADLINE.includes(c.label));
    return [...this.columns.filter((c) => c.group === 'run'), ...(headline.length ? headline : metrics).slice(0, 4)];
  });
  readonly filtered: RunRow[] = $derived(queryRuns(this.rows, this.query));
  readonly pages: number = $derived(Math.max(1, Math.ceil(this.filtered.length / RUNS_PAGE)));
  readonly current: number = $derived(Math.min(this.page, this.pages - 1));
  readonly pageRows: RunRow[] = $derived(this.filtered.slice(this.current * RUNS_PAGE, (this.current + 1) * RUNS_PAGE));

  /** Sorts by `key`; choosing the sorted column again flips the order. Dates and metrics start with the largest. */
  sortBy(key: string): void {
    const descending = this.query.sortKey === key ? !this.query.descending : key === 'startedAt' || key.startsWith('metric:');
    this.query = { ...this.query, sortKey: key, descending };
  }

  /** Shows or hides column `key`; the first change starts from the columns shown by default. */
  toggleColumn(key: string, on: boolean): void {
    const base = this.chosen ?? this.shown.map((c) => c.key);
    this.chosen = on ? [...base.filter((k) => k !== key), key] : base.filter((k) => k !== key);
  }

  /** Ticks or unticks run `id` for comparison; a fifth tick drops the oldest. */
  toggleRun(id: string, on: boolean): void {
    this.selected = on ? [...this.selected.filter((s) => s !== id), id].slice(-4) : this.selected.filter((s) => s !== id);
  }
}
