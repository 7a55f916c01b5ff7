import { describe, expect, test } from 'vitest';
import { Registry } from '../../../src/state/registry.svelte';
import { RunsView, RUNS_PAGE } from '../../../src/state/registryRuns.svelte';
import { runTable, runTitle } from '../../../src/state/registryRows';
import { queryRuns } from '../../../src/state/registryQuery';
import { cellText } from '../../../src/ui/stages/models/cellText';
import type { DatasetRecord, RunRecord } from '../../../src/storage';

const datasets = [{ id: 'd1', name: 'penguins.json' } as DatasetRecord];

function run(i: number, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id: `run-${String(i).padStart(4, '0')}`, datasetId: 'd1', recipe: null, seed: i, backend: 'cpu', status: i % 10 === 3 ? 'failed' : 'completed',
    spec: { kind: i % 2 ? 'mlp' : 'logistic', options: { learningRate: 0.001 * (1 + (i % 7)) } },
    startedAt: Date.UTC(2026, 0, 5, 9) + i * 60_000, endedAt: Date.UTC(2026, 0, 5, 9) + i * 60_000 + 5_000,
    curves: {}, metrics: i % 10 === 3 ? {} : { accuracy: 0.7 + (i % 29) / 100, rocAuc: 0.8 + (i % 13) / 100 }, artifactIds: [],
    ...extra,
  };
}

const runs = (n: number) => Array.from({ length: n }, (_, i) => run(i));

describe('runTable', () => {
  test('a re-read that changed nothing returns the same row list and column list', () => {
    const first = runTable(runs(100), datasets);
    const again = runTable(runs(100), datasets, first);
    expect(again.rows).toBe(first.rows);
    expect(again.columns).toBe(first.columns);
  });

  test('a re-read keeps unchanged rows and replaces the changed one; a new metric makes new columns', () => {
    const first = runTable(runs(5), datasets);
    const changed = runs(5);
    changed[2] = run(2, { status: 'cancelled' });
    const second = runTable(changed, datasets, first);
    expect(second.rows).not.toBe(first.rows);
    expect(second.rows.map((r, i) => r === first.rows[i])).toEqual([true, true, false, true, true]);
    expect(second.rows[2].status).toBe('cancelled');
    expect(second.columns).toBe(first.columns);
    changed[0] = run(0, { metrics: { accuracy: 0.9, logLoss: 0.3 } });
    const third = runTable(changed, datasets, second);
    expect(third.columns.map((c) => c.key)).toContain('metric:logLoss');
    expect(third.rows[0]).not.toBe(second.rows[0]);
  });

  test('a run keeps the name the Train stage gave it; the short id stays beside it, and alone for runs without one', () => {
    const named = runTable([run(0, { id: '6bfdd233-aaaa', name: 'Gradient-boosted trees #1' }), run(1)], datasets);
    expect(named.rows.map((r) => r.name)).toEqual(['Gradient-boosted trees #1', null]);
    expect(named.rows.map(runTitle)).toEqual(['Gradient-boosted trees #1 (6bfdd233)', 'run-0001']);
    const renamed = runTable([run(0, { id: '6bfdd233-aaaa', name: 'Gradient-boosted trees #2' }), run(1)], datasets, named);
    expect(renamed.rows[0]).not.toBe(named.rows[0]);
    expect(renamed.rows[1]).toBe(named.rows[1]);
    expect(queryRuns(named.rows, { sortKey: 'startedAt', descending: true, filterKey: '', filter: 'boosted' }).map((r) => r.id)).toEqual(['6bfdd233-aaaa']);
  });
});

describe('RunsView', () => {
  function view(n: number) {
    const registry = new Registry({ name: `view-${Math.random()}` });
    registry.runs = runs(n);
    registry.datasets = datasets;
    return { registry, view: new RunsView(() => registry.runTable) };
  }

  test('pages the newest first, shows run fields and headline metrics, and clamps the page to the filter', () => {
    const { view: v } = view(120);
    expect(v.pages).toBe(Math.ceil(120 / RUNS_PAGE));
    expect(v.pageRows).toHaveLength(RUNS_PAGE);
    expect(v.pageRows[0].id).toBe('run-0119');
    expect(v.shown.map((c) => c.key)).toEqual(['startedAt', 'status', 'dataset', 'kind', 'backend', 'duration', 'metric:accuracy', 'metric:rocAuc']);
    v.page = 2;
    expect(v.pageRows.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `run-${String(19 - i).padStart(4, '0')}`));
    v.query.filterKey = 'status';
    v.query.filter = 'failed';
    expect(v.filtered).toHaveLength(12);
    expect(v.current).toBe(0);
  });

  test('sorting flips on the second click; metrics start with the largest; missing values go last', () => {
    const { view: v } = view(30);
    v.sortBy('metric:accuracy');
    const accuracies = v.filtered.map((r) => r.metrics.accuracy);
    expect(accuracies.slice(0, 27)).toEqual([...accuracies.slice(0, 27)].sort((a, b) => b - a));
    expect(accuracies.slice(27)).toEqual([undefined, undefined, undefined]);
    v.sortBy('metric:accuracy');
    expect(v.query.descending).toBe(false);
    expect(v.filtered[0].metrics.accuracy).toBe(Math.min(...accuracies.slice(0, 27)));
  });

  test('columns: the first change starts from the defaults; a fifth ticked run drops the oldest', () => {
    const { view: v } = view(10);
    v.toggleColumn('param:learningRate', true);
    v.toggleColumn('backend', false);
    expect(v.shown.map((c) => c.key)).toEqual(['startedAt', 'status', 'dataset', 'kind', 'duration', 'param:learningRate', 'metric:accuracy', 'metric:rocAuc']);
    for (const id of ['a', 'b', 'c', 'd', 'e']) v.toggleRun(id, true);
    expect(v.selected).toEqual(['b', 'c', 'd', 'e']);
    v.toggleRun('c', false);
    expect(v.selected).toEqual(['b', 'd', 'e']);
  });

});

describe('cellText', () => {
  test('formats the start in the one date format (year-month-day, local 24-hour time), numbers compactly and missing values as a dash', () => {
    const [row] = runTable([run(3, { startedAt: Date.UTC(2026, 0, 5, 9, 7), endedAt: null })], datasets).rows;
    const local = new Date(Date.UTC(2026, 0, 5, 9, 7));
    const two = (n: number) => String(n).padStart(2, '0');
    expect(cellText(row, 'startedAt')).toBe(`${local.getFullYear()}-${two(local.getMonth() + 1)}-${two(local.getDate())} ${two(local.getHours())}:${two(local.getMinutes())}`);
    expect(cellText(row, 'duration')).toBe('—');
    expect(cellText(row, 'metric:accuracy')).toBe('—');
    expect(cellText(row, 'param:learningRate')).toBe('0.004');
    expect(cellText(row, 'dataset')).toBe('penguins.json');
  });
});
