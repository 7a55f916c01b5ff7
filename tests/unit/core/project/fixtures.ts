import { newProject, type Project, type ProjectFacts } from '../../../../src/core/project';

export const T0 = Date.UTC(2026, 2, 1, 9, 0);

/** A project on dataset d1 with a filled charter: ROC AUC at least 30 % better than the baseline. */
export function project(over: Partial<Project> = {}): Project {
  return {
    ...newProject('p1', 'Churn', T0),
    charter: { question: 'Which customers will leave next month?', metric: 'rocAuc', threshold: 0.3, stakeholders: 'Retention team', dataSources: 'CRM export', timeline: 'Q2' },
    datasetIds: ['d1'],
    ...over,
  };
}

/** One dataset with two completed runs: r1 beats its baseline by 20 % of the gap, r2 by 60 %; r2 is registered. */
export function facts(): ProjectFacts {
  return {
    datasets: [
      { id: 'd1', name: 'churn.csv', rows: 5000, columns: 12, createdAt: T0 + 1000 },
      { id: 'd2', name: 'other.csv', rows: 10, columns: 2, createdAt: T0 + 500 },
    ],
    runs: [
      { id: 'r1', datasetId: 'd1', label: 'Logistic run', status: 'completed', endedAt: T0 + 5000, task: 'binary', metrics: { rocAuc: 0.6 }, baselineMetrics: { rocAuc: 0.5 } },
      { id: 'r2', datasetId: 'd1', label: 'Trees run', status: 'completed', endedAt: T0 + 9000, task: 'binary', metrics: { rocAuc: 0.8 }, baselineMetrics: { rocAuc: 0.5 } },
      { id: 'r3', datasetId: 'd2', label: 'Elsewhere', status: 'completed', endedAt: T0 + 100, task: 'binary', metrics: { rocAuc: 0.99 }, baselineMetrics: { rocAuc: 0.5 } },
    ],
    versions: [
      { id: 'v1', model: 'churn', version: 1, runId: 'r2', createdAt: T0 + 10_000, latency: { pass: true, targetP95Ms: 10, measuredAt: new Date(T0 + 11_000).toISOString() } },
      { id: 'v9', model: 'other', version: 1, runId: 'r3', createdAt: T0 + 200, latency: null },
    ],
  };
}
