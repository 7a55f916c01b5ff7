import { describe, expect, test } from 'vitest';
import { toRunRows, runColumns, cellValue } from '../../../src/state/registryRows';
import { queryRuns, filterTest } from '../../../src/state/registryQuery';
import { paramDiff } from '../../../src/ui/stages/models/paramDiff';
import { checkGate } from '../../../src/ui/stages/models/promotionGate';
import type { RunRecord } from '../../../src/storage';

function run(id: string, extra: Partial<RunRecord>): RunRecord {
  return {
    id, datasetId: 'd1', recipe: null, spec: { kind: 'mlp', options: { epochs: 10, hidden: [64, 32] } }, seed: 1, backend: 'cpu',
    status: 'completed', startedAt: 1000, endedAt: 3000, curves: {}, metrics: { accuracy: 0.9, evaluation: { roc: [] } }, artifactIds: [], ...extra,
  };
}

const rows = toRunRows(
  [
    run('a', { metrics: { accuracy: 0.8 }, startedAt: 3 }),
    run('b', { spec: { kind: 'logistic', options: { l2: 0.01 } }, metrics: { accuracy: 0.95 }, startedAt: 2 }),
    run('c', { status: 'failed', metrics: {}, startedAt: 1, endedAt: null }),
  ],
  [{ id: 'd1', name: 'penguins.json' } as never],
);

describe('runs table views', () => {
  test('toRunRows flattens kind, params, numeric metrics and the dataset name', () => {
    expect(rows[0]).toMatchObject({ kind: 'Neural network (MLP)', backend: 'CPU', dataset: 'penguins.json', params: { epochs: 10, hidden: '64×32', seed: 1 }, metrics: { accuracy: 0.8 }, duration: 2.997 });
    expect(rows[2].duration).toBeNull();
    expect(runColumns(rows).map((c) => c.key)).toEqual([
      'startedAt', 'status', 'dataset', 'kind', 'backend', 'duration', 'param:epochs', 'param:hidden', 'param:l2', 'param:seed', 'metric:accuracy',
    ]);
    // Headers in words: an option's label without its bracketed note, a network's layer-size list, a metric's name.
    expect(runColumns(rows).slice(6).map((c) => c.label)).toEqual(['Maximum epochs', 'Units in hidden layer', 'L2 penalty', 'Seed', 'Accuracy']);
    expect(toRunRows([run('x', {})], [])[0].metrics).toEqual({ accuracy: 0.9 });
  });

  test.each([
    ['> 0.85', [0.95]],
    ['<= 0.8', [0.8]],
    ['0.7..0.9', [0.8]],
    ['= 0.95', [0.95]],
  ])('metric filter %s', (filter, expected) => {
    const kept = queryRuns(rows, { sortKey: 'startedAt', descending: false, filterKey: 'metric:accuracy', filter });
    expect(kept.map((r) => r.metrics.accuracy)).toEqual(expected);
  });

  test('text filter over any text column, and sorting with missing values last in both directions', () => {
    expect(queryRuns(rows, { sortKey: 'startedAt', descending: true, filterKey: '', filter: 'LOGISTIC' }).map((r) => r.id)).toEqual(['b']);
    expect(queryRuns(rows, { sortKey: 'startedAt', descending: true, filterKey: 'status', filter: 'fail' }).map((r) => r.id)).toEqual(['c']);
    for (const descending of [true, false]) {
      const sorted = queryRuns(rows, { sortKey: 'metric:accuracy', descending, filterKey: '', filter: '' });
      expect(sorted.map((r) => r.id)).toEqual(descending ? ['b', 'a', 'c'] : ['a', 'b', 'c']);
    }
    expect(cellValue(rows[1], 'param:l2')).toBe(0.01);
    expect(filterTest('abc')(null)).toBe(false);
  });

  test('paramDiff keeps only differing paths, and all with onlyDifferent=false', () => {
    const a = { spec: { kind: 'mlp', options: { lr: 0.01, layers: [64, 64] } }, seed: 1 };
    const b = { spec: { kind: 'mlp', options: { lr: 0.001, layers: [64] } }, seed: 1 };
    expect(paramDiff([a, b])).toEqual([
      { path: 'spec.options.layers[1]', values: ['64', undefined], differs: true },
      { path: 'spec.options.lr', values: ['0.01', '0.001'], differs: true },
    ]);
    expect(paramDiff([a, b], false)).toHaveLength(5);
  });
});

describe('checkGate', () => {
  test.each([
    [{ metric: 'accuracy', minAbsolute: 0.01 }, 0.92, 0.9, true],
    [{ metric: 'accuracy', minAbsolute: 0.05 }, 0.92, 0.9, false],
    [{ metric: 'rmse', minRelative: 0.1 }, 8.9, 10, true],
    [{ metric: 'rmse', minRelative: 0.1 }, 9.5, 10, false],
    [{ metric: 'rmse', minAbsolute: 0 }, 11, 10, false],
    [{ metric: 'accuracy', minAbsolute: 0.5 }, 0.5, undefined, true],
    [{ metric: 'accuracy' }, undefined, 0.5, false],
  ])('%o: %s vs %s → %s', (gate, candidate, incumbent, pass) => {
    const result = checkGate(gate, candidate, incumbent);
    expect(result.pass).toBe(pass);
    expect(result.message).toContain(gate.metric);
  });
});
