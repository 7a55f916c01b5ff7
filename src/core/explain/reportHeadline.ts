/** "The three things to fix first": the opening of the Explore stage, from alerts and statistics. */
import type { Report } from '../profile';
import { fixForAlert, skewFixes, type Candidate, type Fix } from './headlineFixes';

/** Options for {@link reportHeadline}. */
export interface HeadlineOptions {
  /** How many fixes to return. Default 3. */
  limit?: number;
}

/**
 * Picks the fixes that matter most, one per column: target leakage, duplicates, heavy missingness,
 * identifiers and constants, dates stored as text, then skew, redundancy and wide categories.
 * Ties go to the larger measured figure, then table order. Empty when nothing needs fixing.
 */
export function reportHeadline(report: Report, options: HeadlineOptions = {}): { fixes: Fix[] } {
  const limit = options.limit ?? 3;
  const candidates: (Candidate & { value: number; order: number })[] = [];
  report.alerts.forEach((alert, order) => {
    const fix = fixForAlert(alert, report);
    if (fix) candidates.push({ ...fix, value: Math.abs(alert.value), order });
  });
  const alerted = new Set(report.alerts.filter((a) => a.type === 'skewed').map((a) => a.column ?? ''));
  skewFixes(report, alerted).forEach((fix, i) => {
    const skew = report.columns.find((c) => c.name === fix.column)?.numeric?.skewness ?? 0;
    candidates.push({ ...fix, value: Math.abs(skew), order: report.alerts.length + i });
  });
  candidates.sort((a, b) => a.priority - b.priority || b.value - a.value || a.order - b.order);
  const seen = new Set<string>();
  const fixes: Fix[] = [];
  const groups = new Map<Fix, { verb: string; detail: string; columns: string[] }>();
  for (const c of candidates) {
    if ((c.column !== undefined && seen.has(c.column)) || (c.related !== undefined && seen.has(c.related))) continue;
    const verb = c.column !== undefined && c.title.endsWith(` "${c.column}"`) ? c.title.slice(0, -c.column.length - 3) : null;
    // The same action for the same reason on several columns is one fix ("Drop "a", "b" and "c""), not several.
    const same = verb !== null && c.detail.startsWith('It ') ? [...groups].find(([f, g]) => f.alertType === c.alertType && g.verb === verb && g.detail === c.detail) : undefined;
    if (same) {
      const [fix, group] = same;
      group.columns.push(c.column!);
      fix.title = `${verb} ${listNames(group.columns)}`;
      fix.detail = `Each ${c.detail.slice(3)}`;
      seen.add(c.column!);
      continue;
    }
    if (fixes.length >= limit) continue;
    if (c.column !== undefined) seen.add(c.column);
    if (c.related !== undefined) seen.add(c.related);
    const { title, detail, column, alertType, step } = c;
    const fix: Fix = { title, detail, ...(column !== undefined && { column }), ...(alertType !== undefined && { alertType }), ...(step !== undefined && { step }) };
    fixes.push(fix);
    if (verb !== null) groups.set(fix, { verb, detail, columns: [c.column!] });
  }
  return { fixes };
}

/** Names in a title: "a", "b" and "c"; past four, the first three and how many more ("a", "b", "c" and 9 more). */
function listNames(names: string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length > 4) return `${quoted.slice(0, 3).join(', ')} and ${quoted.length - 3} more`;
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
