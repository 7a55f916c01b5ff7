import { describe, expect, test } from 'vitest';
import { MANUAL_ITEMS, newProject, projectBoard, unclaimedDatasets, type BoardStage } from '../../../../src/core/project';
import { facts, project, T0 } from './fixtures';

const item = (board: BoardStage[], id: string) => board.flatMap((s) => s.items).find((i) => i.id === id)!;

describe('projectBoard', () => {
  test('lists the five TDSP lifecycle stages in order', () => {
    expect(projectBoard(project(), facts()).map((s) => s.label)).toEqual(['Business understanding', 'Data acquisition and understanding', 'Modeling', 'Deployment', 'Customer acceptance']);
  });

  test('an empty project ticks nothing and says what would tick each item', () => {
    const board = projectBoard(newProject('p', 'Empty', T0), { datasets: [], runs: [], versions: [] });
    for (const i of board.flatMap((s) => s.items)) {
      expect(i.evidence, i.id).toBeNull();
      expect(i.needs.length, i.id).toBeGreaterThan(10);
    }
  });

  test('the charter ticks its items, linking to the project', () => {
    const board = projectBoard(project(), facts());
    expect(item(board, 'question').evidence).toMatchObject({ link: '#project', words: 'The charter asks: “Which customers will leave next month?”' });
    expect(item(board, 'success').evidence?.words).toBe('Success: ROC AUC at least 30 % better than the baseline.');
    expect(item(board, 'people').evidence).not.toBeNull();
    expect(item(projectBoard(project({ charter: { ...project().charter, dataSources: '  ' } }), facts()), 'people').evidence).toBeNull();
  });

  test('the baseline item ticks from the earliest run that beats the baseline by the threshold', () => {
    const hit = item(projectBoard(project(), facts()), 'baseline').evidence!;
    // r1 closes (0.6 − 0.5) / (1 − 0.5) = 20 % of the gap, under 30 %; r2 closes 60 %. r3 (0.99) is on another project's data.
    expect(hit).toEqual({ at: T0 + 9000, words: 'Trees run: ROC AUC 60 % better than its baseline (the threshold is 30 %).', link: '#models' });
    const lower = item(projectBoard(project({ charter: { ...project().charter, threshold: 0.1 } }), facts()), 'baseline').evidence!;
    expect(lower.words).toMatch(/^Logistic run: ROC AUC 20 %/);
  });

  test('without a threshold the baseline item cannot tick; without a metric the task decides it', () => {
    expect(item(projectBoard(project({ charter: { ...project().charter, threshold: null } }), facts()), 'baseline').evidence).toBeNull();
    const f = facts();
    f.runs[0] = { ...f.runs[0], task: 'regression', metrics: { rmse: 5 }, baselineMetrics: { rmse: 10 } };
    f.runs.splice(1, 1);
    // RMSE: 1 − (5/10)² = 75 % of the baseline's squared error removed.
    const board = projectBoard(project({ charter: { ...project().charter, metric: '' } }), f);
    expect(item(board, 'baseline').evidence?.words).toBe('Logistic run: RMSE 75 % better than its baseline (the threshold is 30 %).');
  });

  test('a worse metric where lower is better does not tick', () => {
    const f = facts();
    f.runs = [{ ...f.runs[0], metrics: { logLoss: 0.9 }, baselineMetrics: { logLoss: 0.7 } }];
    expect(item(projectBoard(project({ charter: { ...project().charter, metric: 'logLoss' } }), f), 'baseline').evidence).toBeNull();
  });

  test('registry records tick data, training, registration and the latency gate, only for the project’s own data', () => {
    const board = projectBoard(project(), facts());
    expect(item(board, 'dataset').evidence?.words).toBe('churn.csv: 5,000 rows, 12 columns.');
    expect(item(board, 'trained').evidence?.at).toBe(T0 + 5000);
    expect(item(board, 'registered').evidence).toMatchObject({ at: T0 + 10_000, link: '#models' });
    expect(item(board, 'registered').evidence?.words).toMatch(/^churn v1 was registered on /);
    expect(item(board, 'latency').evidence).toMatchObject({ at: T0 + 11_000, words: 'churn v1 met the p95 ≤ 10 ms target.', link: '#deploy' });
    const failing = facts();
    failing.versions[0] = { ...failing.versions[0], latency: { pass: false, targetP95Ms: 1, measuredAt: 'x' } };
    expect(item(projectBoard(project(), failing), 'latency').evidence).toBeNull();
  });

  test('recorded events tick the report, bundle, gate and A/B items; a failed gate does not', () => {
    const summary = { name: 'churn.csv', rows: 5000, columns: 12, missingCellsRatio: 0, duplicateRows: 0, alerts: [], columnTable: [], target: null };
    const p = project({
      events: [
        { kind: 'gate', at: T0 + 20, model: 'churn', version: '2', pass: false, source: 'pipeline' },
        { kind: 'data-report', at: T0 + 30, format: 'html', summary },
        { kind: 'bundle-exported', at: T0 + 40, model: 'churn', version: '1', fileName: 'churn-v1.zip' },
        { kind: 'ab-analysed', at: T0 + 50, verdict: 'No difference yet.', units: 12000 },
      ],
    });
    const board = projectBoard(p, facts());
    expect(item(board, 'report').evidence).toMatchObject({ at: T0 + 30, link: '#explore' });
    expect(item(board, 'bundle').evidence?.words).toMatch(/^churn-v1\.zip was exported on /);
    expect(item(board, 'abtest').evidence?.words).toBe('An A/B experiment of 12,000 units was analysed: No difference yet.');
    expect(item(board, 'gate').evidence).toBeNull();
    const passed = projectBoard({ ...p, events: [...p.events, { kind: 'gate', at: T0 + 60, model: 'churn', version: '2', pass: true, source: 'pipeline' }] }, facts());
    expect(item(passed, 'gate').evidence?.words).toBe('churn v2 passed the gate (pipeline).');
  });

  test('manual items tick only from a person’s tick, with their note', () => {
    expect([...MANUAL_ITEMS].sort()).toEqual(['agreed', 'handover', 'reviewed', 'signoff']);
    const board = projectBoard(project({ ticks: [{ item: 'signoff', at: T0, note: 'Signed by Ana' }] }), facts());
    expect(item(board, 'signoff')).toMatchObject({ mode: 'manual', evidence: { at: T0, link: '#project' } });
    expect(item(board, 'signoff').evidence?.words).toMatch(/: Signed by Ana$/);
    expect(item(board, 'agreed').evidence).toBeNull();
  });
});

describe('unclaimedDatasets', () => {
  test('offers only the datasets no project holds', () => {
    expect(unclaimedDatasets([project()], facts())).toEqual(['d2']);
    expect(unclaimedDatasets([project(), project({ id: 'p2', datasetIds: ['d2'] })], facts())).toEqual([]);
  });
});
