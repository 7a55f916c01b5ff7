/** The charter and the data report, in the shapes of TDSP's templates, as Markdown. */
import { escapeMarkdown as md } from '../../deploy';
import { metricName } from '../../explain';
import { formatCount, formatDate, num, pct } from '../../format';
import type { BoardStage, DataSummary, Project } from '../types';

/** A free-text field as Markdown paragraphs, or a visible gap when it is blank. */
export function prose(text: string, missing: string): string[] {
  const paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return paras.length ? paras.flatMap((p) => [md(p), '']) : [`_${missing}_`, ''];
}

export function boardLines(board: BoardStage[]): string[] {
  return board.flatMap((stage) => [
    `### ${md(stage.label)}`,
    '',
    ...stage.items.map((item) => `- ${item.evidence ? '[x]' : '[ ]'} ${md(item.label)}: ${md(item.evidence ? item.evidence.words : item.needs)}`),
    '',
  ]);
}

export function successWords(project: Project): string {
  const c = project.charter;
  const metric = c.metric ? metricName(c.metric) : "the task's main metric (ROC AUC for two classes, log loss for more, RMSE for numbers)";
  return c.threshold === null ? `Metric: ${metric}. No success threshold is set yet.` : `A model succeeds when ${metric} is at least ${pct(c.threshold)} better than the baseline's (the share of the baseline's error removed, or of its gap to a perfect score closed).`;
}

export function charterMarkdown(project: Project, board: BoardStage[], now: number): string {
  const c = project.charter;
  return [
    `# Project charter: ${md(project.name)}`,
    '',
    `Written by Modelbench on ${formatDate(now, { time: true })}, after the Team Data Science Process charter template. Project started ${formatDate(project.createdAt)}.`,
    '',
    '## Business background',
    '',
    ...prose(c.question, 'The business question is not written yet.'),
    '## Scope',
    '',
    `The data science solution answers the question above with a model trained and deployed from Modelbench. ${project.datasetIds.length ? `It works on ${formatCount(project.datasetIds.length)} dataset${project.datasetIds.length === 1 ? '' : 's'} so far.` : 'No dataset is in the project yet.'}`,
    '',
    '## Personnel',
    '',
    ...prose(c.stakeholders, 'No stakeholders are named yet.'),
    '## Metrics',
    '',
    md(successWords(project)),
    '',
    '## Plan',
    '',
    ...prose(c.timeline, 'No timeline is set yet.'),
    '## Architecture',
    '',
    'Data sources:',
    '',
    ...prose(c.dataSources, 'No data sources are named yet.'),
    'Models are trained in the browser and released as bundles (scorer.mjs, ONNX, SQL, a serving script and a model card).',
    '',
    '## Progress',
    '',
    ...boardLines(board),
  ].join('\n');
}

export function dataReportMarkdown(project: Project, summary: DataSummary | null, now: number): string {
  const head = [`# Data report: ${md(project.name)}`, '', `Written by Modelbench on ${formatDate(now, { time: true })}, after the Team Data Science Process data report template.`, ''];
  if (!summary) {
    return [...head, '_No exploration report has been computed for this project yet. Open Explore on its data, then download this report again._', ''].join('\n');
  }
  const t = summary.target;
  return [
    ...head,
    '## Data summary',
    '',
    `${md(summary.name)}: ${formatCount(summary.rows)} rows and ${formatCount(summary.columns)} columns.`,
    '',
    '## Data quality summary',
    '',
    `${pct(summary.missingCellsRatio)} of the cells are missing; ${formatCount(summary.duplicateRows)} rows repeat an earlier row.`,
    '',
    ...(summary.alerts.length ? summary.alerts.map((a) => `- ${md(a)}`) : ['No data quality alerts were raised.']),
    '',
    '## Target variable',
    '',
    t ? `The target is **${md(t.name)}**.` : '_No target was chosen when the report was computed._',
    '',
    '## Individual variables',
    '',
    '| Column | Type | Missing | Distinct |',
    '|---|---|---:|---:|',
    ...summary.columnTable.map((c) => `| ${md(c.name)} | ${md(c.type)} | ${pct(c.missingRatio)} | ${formatCount(c.distinct)} |`),
    '',
    '## Variable ranking',
    '',
    ...(t && t.associations.length
      ? [`Association of each column with ${md(t.name)}, strongest first:`, '', '| Column | Measure | Strength |', '|---|---|---:|', ...t.associations.map((a) => `| ${md(a.column)} | ${md(MEASURES[a.measure] ?? a.measure)} | ${num(a.value)} |`), '']
      : ['_No ranking: the report had no target._', '']),
  ].join('\n');
}

const MEASURES: Record<string, string> = { pearson: 'Pearson correlation', eta: 'correlation ratio (η)', cramers_v: "Cramér's V" };
