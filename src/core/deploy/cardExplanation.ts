/** The model card's "What drives the predictions" section: top columns by importance and their effects. */
import { num, type ExplanationSummary } from '../explain';
import { formatMeanSd } from '../format';
import { escapeMarkdown as md } from './escape';

export function explanationSection(e: ExplanationSummary): string[] {
  if (e.constant) return ['## What drives the predictions', '', 'This is a baseline: it predicts the same for every row, so no input column changes its predictions.', ''];
  if (e.importance.length === 0) return [];
  return [
    '## What drives the predictions',
    '',
    `Permutation importance on ${num(e.rows)} held-out rows: the ${md(e.measure)} when one input column is shuffled (mean ± sd over 5 shuffles).`,
    '',
    `| Column | ${md(e.measure[0].toUpperCase() + e.measure.slice(1))} |`,
    '|---|---:|',
    ...e.importance.map((p) => `| ${md(p.column)} | ${formatMeanSd(p.drop, p.sd)} |`),
    '',
    ...(e.effects.length ? ['Which way the top columns push the predictions (partial dependence: the average prediction as one column varies, the others as observed):', '', ...e.effects.map((f) => `- **${md(f.column)}** (${f.shape}): ${md(f.words)}`), ''] : []),
    ...(e.contributions ? [`The studio also shows ${e.contributions}.`, ''] : []),
  ];
}
