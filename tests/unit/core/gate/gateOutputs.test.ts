import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { COMMENT_LIMIT, DEFAULT_POLICY, GATE_MARKER, gateJunit, gateMarkdown, githubAnnotations, type GateReport } from '../../../../src/core/gate';

const report = (details: string[] = []): GateReport => ({
  verdict: 'fail', exitCode: 1,
  champion: { name: 'churn v2', bytes: 1 }, challenger: { name: 'churn <v3> | new', bytes: 1 },
  test: { file: 'test.csv', rows: 1200, dropped: 3 },
  checks: [
    { id: 'metric', title: 'Primary metric (ROC AUC)', status: 'fail', summary: 'Worse by 0.05 & significantly, 95 % CI.', details: [] },
    { id: 'improvement', title: 'Improvement with confidence', status: 'skipped', summary: 'Not required.', details: [] },
    { id: 'latency', title: 'Latency', status: 'pass', summary: 'p99 0.01 ms.', details: [] },
    { id: 'slices', title: 'Slices', status: 'inconclusive', summary: 'Line one\nline two', details },
  ],
  policy: DEFAULT_POLICY,
});

describe('gateMarkdown', () => {
  test('starts with the hidden marker and names the verdict, the models and every check', () => {
    const md = gateMarkdown(report(['seg = b']));
    expect(md.split('\n')[0]).toBe(GATE_MARKER);
    expect(md).toContain('may not replace the champion');
    expect(md).toContain('churn &lt;v3&gt; \\| new'.replace('&gt;', '>'));
    expect(md).toContain('1,200 rows of test.csv (3 rows left out');
    expect(md).toMatch(/\| Primary metric \(ROC AUC\) \| ❌ fail \| Worse by 0\.05 &amp; significantly/);
    expect(md).toContain('- seg = b');
    expect(md).toContain('"margin": 0.01');
  });
  test('stays under the comment limit when details are huge', () => {
    const md = gateMarkdown(report(Array.from({ length: 5000 }, (_, i) => `slice ${i} ${'x'.repeat(40)}`)));
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md.startsWith(GATE_MARKER)).toBe(true);
    expect(md).toContain('Details cut to fit a comment');
  });
});

describe('gateJunit', () => {
  test('parses as XML with one test case per check and a failure for each failed or inconclusive one', () => {
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(gateJunit(report()));
    const suite = parsed.testsuites.testsuite;
    expect(suite['@_tests']).toBe('4');
    expect(suite['@_failures']).toBe('2');
    expect(suite['@_name']).toBe('churn <v3> | new replacing churn v2');
    const cases = suite.testcase as Record<string, unknown>[];
    expect(cases.map((c) => c['@_name'])).toEqual(['metric: Primary metric (ROC AUC)', 'improvement: Improvement with confidence', 'latency: Latency', 'slices: Slices']);
    expect((cases[0].failure as Record<string, string>)['@_message']).toBe('Worse by 0.05 & significantly, 95 % CI.');
    expect((cases[3].failure as Record<string, string>)['@_type']).toBe('inconclusive');
    expect(cases[1].skipped).toBeDefined();
    expect(cases[2].failure).toBeUndefined();
  });
});

describe('githubAnnotations', () => {
  test('an error per failed check, a warning per inconclusive one, with newlines and colons escaped', () => {
    expect(githubAnnotations(report())).toEqual([
      '::error title=Model gate%3A Primary metric (ROC AUC)::Worse by 0.05 & significantly, 95 %25 CI.',
      '::warning title=Model gate%3A Slices::Line one%0Aline two',
    ]);
  });
});
