/** The model report and the exit report, in the shapes of TDSP's templates, as Markdown. */
import { escapeMarkdown as md, explanationSection, slicesSection } from '../../deploy';
import { primaryMetric } from '../../evaluate';
import { comparisonSentence, metricName } from '../../explain';
import { formatDate, num } from '../../format';
import { runsBeatingThreshold } from '../board';
import type { ModelFacts } from './modelFacts';
import { boardLines, prose, successWords } from './planDocuments';
import type { BoardStage, Project, ProjectFacts } from '../types';

const TASK_WORDS = { binary: 'two-class classification', multiclass: 'classification into several classes', regression: 'regression (predicting a number)' } as const;

function performance(m: ModelFacts): string[] {
  const names = Object.keys(m.metrics);
  if (names.length === 0) return ['_No test metrics were kept with this version._', ''];
  const main = primaryMetric(m.task);
  const base = m.baselineMetrics;
  return [
    '| Metric | Model | Baseline |',
    '|---|---:|---:|',
    ...names.map((k) => `| ${md(metricName(k))} | ${num(m.metrics[k])} | ${base?.[k] !== undefined ? num(base[k]) : '–'} |`),
    '',
    ...(base?.[main] !== undefined && m.metrics[main] !== undefined ? [md(comparisonSentence({ metric: main, model: m.metrics[main], baseline: base[main] })), ''] : []),
  ];
}

function modelSections(m: ModelFacts): string[] {
  return [
    '## Analytic approach',
    '',
    `${md(TASK_WORDS[m.task][0].toUpperCase() + TASK_WORDS[m.task].slice(1))} of **${md(m.target)}** from ${md(m.dataName)}${m.dataRows !== null ? ` (${num(m.dataRows, 15)} rows)` : ''}. Rows split: ${md(m.split)}.`,
    '',
    '## Model description',
    '',
    `${md(m.model)} version ${m.version}: ${md(m.kind)}, registered on ${formatDate(m.createdAt, { time: true })}. Preparation: ${m.steps.length ? md(m.steps.join(', ')) : 'none'}.`,
    '',
    '## Results (model performance)',
    '',
    'On the held-out rows:',
    '',
    ...performance(m),
    ...(m.explanation ? explanationSection(m.explanation) : []),
    ...(m.slices ? slicesSection(m.slices) : []),
  ];
}

export function modelReportMarkdown(project: Project, model: ModelFacts | null, now: number): string {
  const head = [`# Model report: ${md(project.name)}`, '', `Written by Modelbench on ${formatDate(now, { time: true })}, after the Team Data Science Process model report template.`, ''];
  if (!model) return [...head, '_No model is registered in this project yet. Train one, register it in Models, then download this report again._', ''].join('\n');
  return [
    ...head,
    ...modelSections(model),
    '## Conclusion and discussion',
    '',
    md(successWords(project)),
    '',
  ].join('\n');
}

export interface ExitInput {
  project: Project;
  board: BoardStage[];
  /** The project's own records (see `scopeFacts`). */
  facts: ProjectFacts;
  /** The version deployed (the latest exported), else the latest registered; null when none. */
  deployed: ModelFacts | null;
  now: number;
}

export function exitReportMarkdown({ project, board, facts, deployed, now }: ExitInput): string {
  const bundles = project.events.filter((e) => e.kind === 'bundle-exported');
  const winners = runsBeatingThreshold(project, facts);
  const left = board.flatMap((s) => s.items.filter((i) => !i.evidence).map((i) => `- ${md(s.label)}: ${md(i.label)}. ${md(i.needs)}`));
  return [
    `# Exit report: ${md(project.name)}`,
    '',
    `Written by Modelbench on ${formatDate(now, { time: true })}, after the Team Data Science Process exit report template.`,
    '',
    '## Business problem',
    '',
    ...prose(project.charter.question, 'The business question was never written in the charter.'),
    md(successWords(project)),
    '',
    '## Data',
    '',
    facts.datasets.length ? facts.datasets.map((d) => `- ${md(d.name)}: ${num(d.rows, 15)} rows, ${num(d.columns, 15)} columns`).join('\n') : '_No dataset is in the project._',
    '',
    '## What was deployed',
    '',
    ...(bundles.length ? bundles.map((b) => `- ${md(b.fileName)} (${md(b.model)} v${md(b.version)}), exported on ${formatDate(b.at, { time: true })}`) : ['_No bundle was exported._']),
    '',
    ...(deployed?.latency ? [`Latency: ${deployed.latency.pass ? 'met' : 'did not meet'} the p95 ≤ ${num(deployed.latency.targetP95Ms)} ms target.`, ''] : []),
    '## How it performed',
    '',
    ...(deployed ? performance(deployed) : ['_No model was registered._', '']),
    project.charter.threshold === null
      ? 'The charter set no success threshold, so success was not judged.'
      : winners.length
        ? `${num(winners.length, 15)} run${winners.length === 1 ? '' : 's'} met the success threshold.`
        : 'No run met the success threshold.',
    '',
    '## What is left',
    '',
    ...(left.length ? left : ['Every item on the board is done.']),
    '',
    '## Progress',
    '',
    ...boardLines(board),
  ].join('\n');
}
