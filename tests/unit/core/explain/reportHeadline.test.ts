import { describe, expect, test } from 'vitest';
import { reportHeadline } from '../../../../src/core/explain';
import { DEFAULT_THRESHOLDS, type Alert, type ColumnProfile, type NumericStats, type Report } from '../../../../src/core/profile';

const numeric = (skewness: number, min = 0): NumericStats => ({
  min, max: 100, range: 100 - min, mean: 10, std: 5, variance: 25, sum: 1000, skewness, kurtosis: 0, cv: 0.5, mad: 3,
  quantiles: { '0.01': 0, '0.05': 1, '0.25': 5, '0.5': 8, '0.75': 12, '0.95': 30, '0.99': 80 }, iqr: 7, zeros: 0, negatives: 0,
  infinite: 0, outliers: { count: 0, low: [], high: [], lowerFence: -5.5, upperFence: 22.5 }, histogram: { edges: [0, 100], counts: [100] },
});

const column = (name: string, type: ColumnProfile['type'], extra: Partial<ColumnProfile> = {}): ColumnProfile => ({
  name, type, count: 100, missing: 0, distinct: 10, uniqueRatio: 0.1, memoryBytes: 800, ...extra,
});

const alert = (type: Alert['type'], value: number, column?: string, severity: Alert['severity'] = 'medium'): Alert => ({
  type, value, column, threshold: 0, severity, message: '',
});

function report(columns: ColumnProfile[], alerts: Alert[], extra: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    dataset: { name: 'customers.csv', rows: 100, columns: columns.length, missingCells: 0, missingCellsRatio: 0, duplicateRows: 4, duplicateRowsRatio: 0.04, duplicateExamples: [], memoryBytes: 0, columnsByType: {}, fingerprint: '' },
    columns, alerts,
    correlations: { sampledRows: 100, sampled: false },
    missing: { columns: [], counts: [], cooccurrence: [] },
    meta: { generatedAt: '', timingsMs: { parse: 0, profile: 0 }, thresholds: DEFAULT_THRESHOLDS, seed: 42 },
    ...extra,
  };
}

describe('reportHeadline', () => {
  const cols = [
    column('id', 'identifier', { distinct: 100, uniqueRatio: 1 }),
    column('income', 'float', { numeric: numeric(4.2), missing: 70 }),
    column('signup', 'categorical'),
    column('refund_issued', 'boolean'),
    column('churned', 'boolean'),
    column('spend', 'float', { numeric: numeric(2.5) }),
  ];
  const alerts = [
    alert('unique', 1, 'id'),
    alert('missing', 0.7, 'income', 'high'),
    alert('date_as_text', 0.98, 'signup'),
    alert('duplicates', 0.04),
    alert('target_leakage', 0.97, 'refund_issued', 'high'),
  ];
  const target = { name: 'churned', task: 'classification' as const, associations: [{ column: 'refund_issued', measure: 'cramers_v' as const, value: 0.97 }], pairs: [] };

  test('puts leakage, duplicates and heavy missingness first, with concrete actions', () => {
    const { fixes } = reportHeadline(report(cols, alerts, { target }));
    expect(fixes).toEqual([
      {
        title: 'Check "refund_issued" for target leakage',
        detail: `"refund_issued" predicts "churned" almost perfectly (Cramér's V 0.97) — it may be recorded after the outcome (leakage). Drop it unless it will be known at prediction time: the model would shine in testing and fail in use.`,
        column: 'refund_issued', alertType: 'target_leakage',
      },
      {
        title: 'Remove 4 duplicate rows',
        detail: '4 rows (4 %) repeat an earlier row exactly; left in, copies land in both the training and the test split and flatter the test score. If they are copies, add a "Remove duplicate rows" step to the recipe; keep them if the repeats are real events.',
        alertType: 'duplicates', step: 'deduplicate',
      },
      { title: 'Drop "income"', detail: 'It is missing in 70 % of rows, so filling it in would invent most of the column.', column: 'income', alertType: 'missing' },
    ]);
  });

  test('limit reaches identifiers, dates stored as text, then skew; one fix per column', () => {
    const { fixes } = reportHeadline(report(cols, alerts, { target }), { limit: 10 });
    expect(fixes.map((f) => f.title)).toEqual([
      'Check "refund_issued" for target leakage',
      'Remove 4 duplicate rows',
      'Drop "income"',
      'Drop "id"',
      'Parse "signup" as a date',
      'Log-transform "spend"',
    ]);
    expect(fixes[3].detail).toBe('It labels rows (every value is unique, and it is text or an integer code, not a measurement), so it cannot generalise: a model would memorise rows instead of learning patterns.');
    expect(fixes[5].detail).toBe('Its skewness is 2.5: most values sit at one end with a long tail; a log transform helps linear models and networks.');
  });

  test('a missing target and an identifier target are not dropped', () => {
    const r = report([column('y', 'identifier', { missing: 20 })], [alert('missing', 0.2, 'y'), alert('unique', 1, 'y')], {
      target: { name: 'y', task: 'regression', associations: [], pairs: [] },
    });
    expect(reportHeadline(r).fixes).toEqual([
      { title: 'Rows without "y" cannot be used', detail: 'The target is missing in 20 % of rows; those rows are left out of training and testing. Check why they are empty.', column: 'y', alertType: 'missing' },
    ]);
  });

  test('moderate missingness asks for imputation matched to the column type', () => {
    const r = report([column('city', 'categorical', { missing: 12 })], [alert('missing', 0.12, 'city')]);
    expect(reportHeadline(r).fixes[0].detail).toBe('It is missing in 12 % of rows. Fill it with the most frequent value and add a missing indicator, in case being missing is informative.');
  });

  test('a correlated pair is one fix naming both columns and the measure', () => {
    const pearson = { columns: ['a', 'b', 'c'], matrix: [[1, 0.995, 0.97], [0.995, 1, 0.96], [0.97, 0.96, 1]], order: [0, 1, 2] };
    const cs = ['a', 'b', 'c'].map((n) => column(n, 'float', { numeric: numeric(0) }));
    const r = report(cs, [alert('high_correlation', 0.995, 'a'), alert('high_correlation', 0.97, 'a'), alert('high_correlation', 0.96, 'b')], {
      correlations: { pearson, sampledRows: 100, sampled: false },
    });
    expect(reportHeadline(r).fixes).toEqual([
      {
        title: 'Keep one of "a" and "b"',
        detail: 'They carry almost the same information (Pearson r 0.995); keeping both makes linear-model coefficients unstable and adds nothing.',
        column: 'a', alertType: 'high_correlation',
      },
    ]);
  });

  test('a clean report has nothing to fix', () => {
    expect(reportHeadline(report([column('x', 'float', { numeric: numeric(0.3) })], [])).fixes).toEqual([]);
  });
});
