import { describe, expect, test } from 'vitest';
import { modelFactsOf, projectDocument } from '../../../../../src/core/project/documents';
import type { StoredVersion } from '../../../../../src/core/project/documents';
import { facts, project, T0 } from '../fixtures';

const NOW = T0 + 86_400_000;

const version: StoredVersion = {
  model: 'churn',
  version: 1,
  createdAt: T0 + 10_000,
  recipe: { task: 'binary', target: 'left', steps: [{ kind: 'impute' }, { kind: 'encode' }] },
  spec: { kind: 'gbdt' },
  metrics: { rocAuc: 0.8, accuracy: 0.75, evaluation: {} },
  training: {
    format: 1,
    split: { spec: { method: 'stratified', testFraction: 0.2, seed: 7 }, dataFingerprint: 'sha256:x', dataRows: 5000, trainRows: 4000 },
    profile: null,
    baselineMetrics: { rocAuc: 0.5, accuracy: 0.6 },
    result: {
      explanation: { permutation: [{ name: 'tenure', mean: 0.12, sd: 0.01 }], permutationRows: 1000 },
      slices: { metric: 'accuracy', secondary: 'rocAuc', overall: 0.75, overallSecondary: 0.8, rows: 1000, totalRows: 1000, minRows: 30, columns: ['plan'], slices: [{ column: 'plan', key: { kind: 'category', value: 'basic' }, rows: 400, metric: 0.6, secondary: 0.7, worseBy: 0.15, small: false }] },
    },
    missing: [],
  },
  latency: { pass: true, targetP95Ms: 10, measuredAt: 'x' },
};

const input = (over = {}) => ({ project: project(), facts: facts(), summary: null, model: modelFactsOf(version, { name: 'churn.csv', rows: 5000 }), now: NOW, ...over });

describe('projectDocument', () => {
  test('the charter follows the TDSP template and carries the board', () => {
    const doc = projectDocument('charter', input());
    expect(doc.fileName).toBe('churn-charter');
    for (const h of ['# Project charter: Churn', '## Business background', '## Scope', '## Personnel', '## Metrics', '## Plan', '## Architecture', '## Progress']) expect(doc.markdown.split('\n')).toContain(h);
    expect(doc.markdown).toContain('Which customers will leave next month?');
    expect(doc.markdown).toContain('A model succeeds when ROC AUC is at least 30 % better than the baseline');
    expect(doc.markdown).toMatch(/- \[x\] Baseline beaten by the success threshold: Trees run: ROC AUC 60 %/);
    expect(doc.markdown).toMatch(/- \[ \] Bundle exported: Export a bundle in Deploy\./);
    expect(doc.html).toContain('<h2>Business background</h2>');
  });

  test('the data report uses the last downloaded exploration report when none is open', () => {
    expect(projectDocument('data-report', input()).markdown).toContain('No exploration report has been computed');
    const summary = { name: 'churn.csv', rows: 5000, columns: 3, missingCellsRatio: 0.021, duplicateRows: 4, alerts: ['tenure has 12 % missing'], columnTable: [{ name: 'tenure', type: 'integer', missingRatio: 0.12, distinct: 60 }], target: { name: 'left', associations: [{ column: 'tenure', measure: 'eta', value: 0.41 }] } };
    const md = projectDocument('data-report', input({ project: project({ events: [{ kind: 'data-report', at: T0, format: 'html', summary }] }) })).markdown;
    for (const s of ['## Data quality summary', '2 % of the cells are missing; 4 rows repeat an earlier row.', '- tenure has 12 % missing', 'The target is **left**.', '| tenure | integer | 12 % | 60 |', '| tenure | correlation ratio (η) | 0.41 |']) expect(md).toContain(s);
  });

  test('the model report reuses the model card’s sections on the stored explanation and slices', () => {
    const md = projectDocument('model-report', input()).markdown;
    for (const s of ['## Analytic approach', 'Rows split: stratified by class, 20 % held out, seed 7, 4,000 of 5,000 rows trained.', '## Model description', 'churn version 1: Gradient-boosted trees', 'Preparation: impute, encode.', '| ROC AUC | 0.8 | 0.5 |', 'ROC AUC 0.8 against 0.5 for the baseline', '## What drives the predictions', '| tenure | 0.120 ± 0.010 |', '## Weakest slices', '## Conclusion and discussion']) expect(md).toContain(s);
    expect(projectDocument('model-report', input({ model: null })).markdown).toContain('No model is registered in this project yet');
  });

  test('the exit report says what was deployed, how it did and what is left', () => {
    const p = project({ events: [{ kind: 'bundle-exported', at: T0 + 20_000, model: 'churn', version: '1', fileName: 'churn-v1.zip' }] });
    const md = projectDocument('exit-report', input({ project: p })).markdown;
    expect(md).toMatch(/- churn-v1\.zip \(churn v1\), exported on 2026-03-01/);
    expect(md).toContain('Latency: met the p95 ≤ 10 ms target.');
    expect(md).toContain('1 run met the success threshold.');
    expect(md).toContain('- Customer acceptance: Customer signed off. Tick it once the customer has accepted the model.');
    expect(md).not.toContain('other.csv');
  });

  test('hostile names stay text in Markdown and HTML', () => {
    const p = project({ name: '<script>alert(1)</script>', charter: { ...project().charter, question: '<img src=x onerror=alert(1)> | # *' } });
    for (const kind of ['charter', 'data-report', 'model-report', 'exit-report'] as const) {
      const doc = projectDocument(kind, input({ project: p }));
      expect(doc.html, kind).not.toMatch(/<(script|img)/i);
      expect(doc.markdown, kind).not.toMatch(/<(script|img)/i);
      expect(doc.fileName).toBe(`script-alert-1-script-${kind}`);
    }
    expect(projectDocument('charter', input({ project: p })).html).toContain('&lt;img src=x onerror=alert(1)&gt; | # *');
  });
});
