import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  ALERT_TYPES, CATEGORICAL_STAT_KEYS, COLUMN_PROFILE_GLOSSARY, DATASET_OVERVIEW_GLOSSARY, DATETIME_STAT_KEYS, NUMERIC_STAT_KEYS, reportHeadline,
} from '../../../../src/core/explain';
import { profileTable, type Report } from '../../../../src/core/profile';
import { parseCsv } from '../../../../src/core/table';

const SAMPLES = join(__dirname, '../../../../public/samples');

function profileSample(file: string, target: string): Report {
  const { table } = parseCsv(readFileSync(join(SAMPLES, file)), { fileName: file });
  return profileTable(table, { target, pca: false });
}

describe('glossary keys against a real report (seattle-weather.csv)', () => {
  const report = profileSample('seattle-weather.csv', 'weather');

  test('every field of every column profile has a glossary id', () => {
    const blocks = new Set(['numeric', 'categorical', 'boolean', 'datetime', 'text']);
    for (const c of report.columns) {
      for (const field of Object.keys(c)) if (!blocks.has(field)) expect(Object.keys(COLUMN_PROFILE_GLOSSARY), field).toContain(field);
      if (c.numeric) for (const field of Object.keys(c.numeric)) expect(NUMERIC_STAT_KEYS, field).toContain(field);
      if (c.categorical) for (const field of Object.keys(c.categorical)) expect(CATEGORICAL_STAT_KEYS, field).toContain(field);
      if (c.datetime) for (const field of Object.keys(c.datetime)) expect(DATETIME_STAT_KEYS, field).toContain(field);
    }
    for (const field of Object.keys(report.dataset)) expect(Object.keys(DATASET_OVERVIEW_GLOSSARY), field).toContain(field);
    for (const a of report.alerts) expect(ALERT_TYPES).toContain(a.type);
  });

  test('reportHeadline gives at most three fixes, each with a title and a detail', () => {
    const { fixes } = reportHeadline(report);
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes.length).toBeLessThanOrEqual(3);
    for (const f of fixes) {
      expect(f.title).not.toBe('');
      expect(f.detail).toMatch(/\.$/);
    }
  });
});
