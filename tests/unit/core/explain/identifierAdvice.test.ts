/**
 * "All values unique" means an identifier only for text and integer codes: the alerts, Explore's
 * "Fix these first", the HTML report and the proposed recipe give the same advice on one fixed table.
 */
import { describe, expect, test } from 'vitest';
import { reportHeadline } from '../../../../src/core/explain';
import { profileTable, renderReportHtml } from '../../../../src/core/profile';
import { proposeRecipe } from '../../../../src/core/recipe';
import { tableOf } from '../recipe/tableOf';

const n = 60;
const rows = Array.from({ length: n }, (_, i) => i);
const table = tableOf({
  // Measurements: every value differs, as a precise measure does.
  pop: rows.map((i) => 1_000_000 + i * 7_919_113 + ((i * 37) % 11) * 1_003),
  population: rows.map((i) => 52_000 + ((i * 7_919) % 9_973) * 1_771 + i),
  income: rows.map((i) => 2_000.5 + i * 313.25 + ((i * 13) % 7) / 4),
  // Identifiers: a row number, a key by name, a text label.
  row: rows.map((i) => i + 1),
  customer_id: rows.map((i) => 900_000_000 - i * 1_234_567),
  name: rows.map((i) => `person-${i}`),
  region: rows.map((i) => ['north', 'south', 'east'][i % 3]),
  y: rows.map((i) => (i * 17) % 10),
});

describe('advice on unique columns', () => {
  const report = profileTable(table, { target: 'y' });
  const flagged = report.alerts.filter((a) => a.type === 'unique').map((a) => a.column).sort();
  const fixes = reportHeadline(report, { limit: 20 }).fixes;
  const dropAdvice = (col: string) => fixes.some((f) => f.title.startsWith('Drop ') && f.title.includes(`"${col}"`));
  const recipe = proposeRecipe(table, report, 'y');
  const dropped = recipe.steps.find((s) => s.kind === 'drop')?.columns ?? [];

  test('alerts flag the row number, the key and the text label, not the measurements', () => {
    expect(flagged).toEqual(['customer_id', 'name', 'row']);
  });

  test('many columns with the same fix are named up to three, then counted', () => {
    const empty = tableOf(Object.fromEntries([...Array.from({ length: 7 }, (_, k) => [`blank${k}`, rows.map(() => null)]), ['y', rows.map((i) => i % 3)]]));
    const fixes = reportHeadline(profileTable(empty, { target: 'y' })).fixes;
    expect(fixes).toContainEqual(expect.objectContaining({ title: 'Drop "blank0", "blank1", "blank2" and 4 more', detail: 'Each is empty in every row, so it carries no information.' }));
  });

  test('the three identifiers are one fix: the same action for the same reason', () => {
    const drops = fixes.filter((f) => f.title.startsWith('Drop '));
    expect(drops).toHaveLength(1);
    expect(drops[0].title).toMatch(/^Drop "(row|customer_id|name)", "(row|customer_id|name)" and "(row|customer_id|name)"$/);
    expect(drops[0].detail).toMatch(/^Each labels rows \(every value is unique/);
  });

  test.each(['pop', 'population', 'income'])('no "drop" advice for the continuous column %s, and Prepare keeps it', (col) => {
    expect(dropAdvice(col)).toBe(false);
    expect(dropped).not.toContain(col);
    expect(renderReportHtml(report)).not.toMatch(new RegExp(`${col}(&quot;|&#34;|") has a different value in every row`));
  });

  test.each(['row', 'customer_id', 'name'])('"drop" advice for the identifier %s, and Prepare drops it', (col) => {
    expect(dropAdvice(col)).toBe(true);
    expect(dropped).toContain(col);
    expect(renderReportHtml(report)).toMatch(new RegExp(`${col}(&quot;|&#34;|") has a different value in every row`));
  });
});
