/** The model card's "Weakest slices" section: where on the held-out rows the model does worst. */
import { metricInSentence, metricName, num, type SliceReportJson } from '../explain';
import { escapeMarkdown as md } from './escape';

const figure = (v: number | null) => (v === null ? '–' : num(v));

/** Markdown lines of the section, the `shown` weakest slices first (none when there are no slices). */
export function slicesSection(report: SliceReportJson, shown = 8): string[] {
  if (report.slices.length === 0) return [];
  const top = report.slices.slice(0, shown);
  const rows = top.map((s) => {
    const gap = s.worseBy === null ? 'not defined' : s.worseBy === 0 ? 'as overall' : `${num(Math.abs(s.worseBy))} ${s.worseBy > 0 ? 'worse' : 'better'}`;
    return `| ${md(s.column)} | ${md(s.label)} | ${num(s.rows)}${s.small ? ' (too few to trust)' : ''} | ${figure(s.metric)} | ${figure(s.secondary)} | ${gap} |`;
  });
  const sampled = report.rows < report.totalRows ? ` (an evenly spaced ${num(report.rows)} of ${num(report.totalRows)})` : '';
  return [
    '## Weakest slices',
    '',
    `Metrics on slices of the ${num(report.rows)} held-out rows${sampled}: each category of a column, quantile ranges of its numbers, its missing values. Overall: ${metricInSentence(report.metric)} ${figure(report.overall)}, ${metricInSentence(report.secondary)} ${figure(report.overallSecondary)}. ${report.ranking}`,
    '',
    `| Column | Slice | Rows | ${metricName(report.metric)} | ${metricName(report.secondary)} | Against overall |`,
    '|---|---|---:|---:|---:|---|',
    ...rows,
    '',
    ...(report.slices.length > top.length ? [`${num(report.slices.length - top.length)} more slices are not shown.`, ''] : []),
  ];
}
