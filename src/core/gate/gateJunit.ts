/** The gate's report as JUnit XML, which CI systems show as tests: one test case per check. */
import type { GateReport } from './gateReport';

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

/** A failed check has a `failure` element; an inconclusive one a `failure` of type "inconclusive"; a skipped one `skipped`. */
export function gateJunit(report: GateReport): string {
  const failures = report.checks.filter((c) => c.status === 'fail' || c.status === 'inconclusive').length;
  const skipped = report.checks.filter((c) => c.status === 'skipped').length;
  const suite = `${report.challenger.name} replacing ${report.champion.name}`;
  const cases = report.checks.map((c) => {
    const open = `    <testcase classname="modelbench.gate" name="${xml(c.id)}: ${xml(c.title)}">`;
    const body = [c.summary, ...c.details].join('\n');
    if (c.status === 'skipped') return `${open}\n      <skipped message="${xml(c.summary)}"/>\n    </testcase>`;
    if (c.status === 'pass') return `${open}\n      <system-out>${xml(body)}</system-out>\n    </testcase>`;
    return `${open}\n      <failure type="${c.status}" message="${xml(c.summary)}">${xml(body)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="modelbench gate" tests="${report.checks.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    `  <testsuite name="${xml(suite)}" tests="${report.checks.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
