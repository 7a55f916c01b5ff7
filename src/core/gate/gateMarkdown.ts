/** The gate's report as Markdown for a pull-request comment, and as GitHub Actions annotations. */
import { plural } from '../format';
import type { CheckStatus } from './gateChecks';
import type { GateReport } from './gateReport';

/** The hidden first line a workflow searches for, to update one comment instead of adding one per push. */
export const GATE_MARKER = '<!-- modelbench-gate -->';
/** GitHub refuses comments longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

const ICON: Record<CheckStatus, string> = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⚠️ inconclusive', skipped: '➖ skipped' };
const HEADLINE = {
  pass: '✅ The challenger may replace the champion.',
  fail: '❌ The challenger may not replace the champion.',
  inconclusive: '⚠️ Inconclusive: the challenger is not shown to be worse, but what the policy requires is not shown either.',
};
/** Text safe inside a table cell: no line breaks, no pipes, no markup, no HTML. */
const cell = (s: string) => s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_|[\]~]/g, '\\$&').replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The report, under GitHub's comment limit (the longest details are cut first, saying so). */
export function gateMarkdown(report: GateReport): string {
  const head = [
    GATE_MARKER,
    '## Model gate',
    '',
    `**${HEADLINE[report.verdict]}**`,
    '',
    `Champion **${cell(report.champion.name)}**, challenger **${cell(report.challenger.name)}**, on ${plural(report.test.rows, 'row')} of ${cell(report.test.file)}${report.test.dropped ? ` (${plural(report.test.dropped, 'row')} left out: no target, an unknown class, or refused by a model)` : ''}.`,
    '',
    '| Check | Result | Details |',
    '| --- | --- | --- |',
    ...report.checks.map((c) => `| ${cell(c.title)} | ${ICON[c.status]} | ${cell(c.summary)} |`),
  ];
  const details = report.checks.filter((c) => c.details.length).flatMap((c) => ['', `### ${cell(c.title)}`, '', ...c.details.map((d) => `- ${cell(d)}`)]);
  const tail = ['', '<details><summary>Policy</summary>', '', '```json', JSON.stringify(report.policy, null, 2), '```', '', '</details>', ''];
  const whole = [...head, ...details, ...tail].join('\n');
  if (whole.length <= COMMENT_LIMIT) return whole;
  const note = '\n\n_Details cut to fit a comment; the JSON output has them all._\n';
  return [...head, ...tail].join('\n').slice(0, COMMENT_LIMIT - note.length) + note;
}

/** Workflow commands escape these characters in a message. */
const escapeCommand = (s: string) => s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (s: string) => escapeCommand(s).replaceAll(':', '%3A').replaceAll(',', '%2C');

/** `::error::` for each failed check and `::warning::` for each inconclusive one. */
export function githubAnnotations(report: GateReport): string[] {
  return report.checks
    .filter((c) => c.status === 'fail' || c.status === 'inconclusive')
    .map((c) => `::${c.status === 'fail' ? 'error' : 'warning'} title=${escapeProperty(`Model gate: ${c.title}`)}::${escapeCommand(c.summary)}`);
}
