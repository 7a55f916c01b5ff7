import { expect, test } from 'vitest';
import { projectFacts } from '../../../../src/core/project';

test('projectFacts keeps numeric metrics, the baseline, the task and a checked latency record', () => {
  const facts = projectFacts({
    datasets: [{ id: 'd', name: 'a.csv', rows: 3, columns: 2, createdAt: 1, fingerprint: 'x' } as never],
    runs: [
      { id: 'r', datasetId: 'd', status: 'completed', startedAt: Date.UTC(2026, 0, 2, 3, 4), endedAt: 9, recipe: { task: 'binary' }, spec: { kind: 'logistic' }, metrics: { rocAuc: 0.8, evaluation: { big: true }, bad: Number.NaN }, training: { baselineMetrics: { rocAuc: 0.5 } } },
      { id: 's', datasetId: 'd', status: 'failed', startedAt: 0, endedAt: null, recipe: null, spec: null, metrics: null },
    ],
    versions: [
      { id: 'v', model: 'm', version: 1, runId: 'r', createdAt: 5, latency: { pass: true, targetP95Ms: 10, measuredAt: '2026-01-01T00:00:00Z', paths: [] } },
      { id: 'w', model: 'm', version: 2, runId: 'r', createdAt: 6, latency: { pass: 'yes' } },
    ],
  });
  expect(facts.datasets).toEqual([{ id: 'd', name: 'a.csv', rows: 3, columns: 2, createdAt: 1 }]);
  expect(facts.runs[0]).toMatchObject({ task: 'binary', metrics: { rocAuc: 0.8 }, baselineMetrics: { rocAuc: 0.5 } });
  expect(facts.runs[0].label).toMatch(/^Logistic regression run of 2026-01-02/);
  expect(facts.runs[1]).toMatchObject({ task: null, metrics: {}, baselineMetrics: null });
  expect(facts.versions.map((v) => v.latency)).toEqual([{ pass: true, targetP95Ms: 10, measuredAt: '2026-01-01T00:00:00Z' }, null]);
});
