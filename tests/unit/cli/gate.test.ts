/** `modelbench gate` end to end on generated data: a better challenger passes, a worse one fails, broken input exits 2. */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { gateCommand, parseGateArgs } from '../../../src/cli/gate';
import { GATE_MARKER } from '../../../src/core/gate';
import { gateFiles } from './gateFixtures';

let dir: string;
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
const error = vi.spyOn(console, 'error').mockImplementation(() => {});
const at = (name: string) => join(dir, name);
const lastJson = () => JSON.parse(String(log.mock.calls.at(-1)?.[0])) as { verdict: string; exitCode: number; checks: Record<string, string> };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelbench-gate-cli-'));
  await gateFiles(dir);
  // The challenger as an unzipped bundle folder too.
  const files = unzipSync(new Uint8Array(await readFile(at('logistic.zip'))));
  await mkdir(at('logistic-folder'));
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(at('logistic-folder'), name)), { recursive: true });
    await writeFile(join(at('logistic-folder'), name), bytes);
  }
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  log.mockRestore();
  error.mockRestore();
});

describe('parseGateArgs', () => {
  test.each([
    [['--challenger', 'b', '--test', 't'], /--champion is required/],
    [['--champion', 'a', '--challenger', 'b', '--test', 't', '--format', 'xml'], /--format xml must be one of json, text, github/],
    [['--champion', 'a', '--challenger', 'b', '--test', 't', 'extra'], /Unexpected argument\(s\) extra/],
    [['--champion', 'a', '--wat'], /Unknown flag "--wat"/],
  ])('refuses %j', (argv, message) => expect(() => parseGateArgs(argv)).toThrow(message));
});

describe('modelbench gate', () => {
  test('a better challenger passes: exit 0, a passing report and JUnit file', async () => {
    const code = await gateCommand(['--champion', at('prior.zip'), '--challenger', at('logistic-folder'), '--test', at('test.csv'), '--report', at('pass.md'), '--junit', at('pass.xml')]);
    expect(code).toBe(0);
    expect(lastJson()).toMatchObject({ verdict: 'pass', exitCode: 0, checks: { metric: 'pass', schema: 'pass', slices: 'pass', latency: 'pass', size: 'pass' } });
    const md = await readFile(at('pass.md'), 'utf8');
    expect(md.startsWith(`${GATE_MARKER}\n`)).toBe(true);
    expect(md).toContain('may replace the champion');
    const junit = new XMLParser({ ignoreAttributes: false }).parse(await readFile(at('pass.xml'), 'utf8'));
    expect(junit.testsuites['@_failures']).toBe('0');
    expect(junit.testsuites.testsuite.testcase).toHaveLength(6);
  }, 60_000);

  test('a worse challenger fails: exit 1 with the reason in the Markdown and the JUnit failure', async () => {
    const code = await gateCommand(['--champion', at('logistic.zip'), '--challenger', at('prior.zip'), '--test', at('test.csv'), '--report', at('fail.md'), '--junit', at('fail.xml'), '--format', 'github']);
    expect(code).toBe(1);
    expect(lastJson()).toMatchObject({ verdict: 'fail', exitCode: 1, checks: { metric: 'fail' } });
    expect(log.mock.calls.some(([line]) => /^::error title=Model gate%3A Primary metric \(ROC AUC\)::.*the challenger is worse by/.test(String(line)))).toBe(true);
    const md = await readFile(at('fail.md'), 'utf8');
    expect(md).toMatch(/\| Primary metric \(ROC AUC\) \| ❌ fail \| .*the challenger is worse by 0\.\d+, significantly/);
    const cases = new XMLParser({ ignoreAttributes: false }).parse(await readFile(at('fail.xml'), 'utf8')).testsuites.testsuite.testcase as { '@_name': string; failure?: { '@_message': string } }[];
    const metric = cases.find((c) => c['@_name'].startsWith('metric:'))!;
    expect(metric.failure?.['@_message']).toMatch(/the challenger is worse by/);
  }, 60_000);

  test('requiring improvement on two equal models is inconclusive: exit 3', async () => {
    await writeFile(at('strict.json'), JSON.stringify({ improvement: { required: true }, latency: { p99Ms: null } }));
    const code = await gateCommand(['--champion', at('logistic.zip'), '--challenger', at('logistic-folder'), '--test', at('test.csv'), '--policy', at('strict.json')]);
    expect(code).toBe(3);
    expect(lastJson()).toMatchObject({ verdict: 'inconclusive', checks: { improvement: 'inconclusive', latency: 'skipped' } });
  }, 60_000);

  test('with a floor for SQL, each bundle\'s model.sql is timed in DuckDB on the test file and judged', async () => {
    await writeFile(at('sql-floor.json'), JSON.stringify({ latency: { sqlRowsPerSecond: 1 } }));
    expect(await gateCommand(['--champion', at('prior.zip'), '--challenger', at('logistic.zip'), '--test', at('test.csv'), '--policy', at('sql-floor.json'), '--report', at('sql.md')])).toBe(0);
    expect(lastJson().checks.latency).toBe('pass');
    const md = await readFile(at('sql.md'), 'utf8');
    expect(md).toMatch(/Latency \(p99, one row; SQL in DuckDB\) \| ✅ pass \| .*model\.sql in DuckDB [\d,]+ rows per second \(champion [\d,]+ rows per second\); the floor is 1\./);
    await writeFile(at('sql-high.json'), JSON.stringify({ latency: { p99Ms: null, sqlRowsPerSecond: 1e15 } }));
    expect(await gateCommand(['--champion', at('prior.zip'), '--challenger', at('logistic.zip'), '--test', at('test.csv'), '--policy', at('sql-high.json')])).toBe(1);
    expect(lastJson().checks.latency).toBe('fail');
  }, 60_000);

  test.each([
    ['a missing test file', () => ['--champion', at('prior.zip'), '--challenger', at('logistic.zip'), '--test', at('nope.csv')], /Gate not run: Cannot open ".*nope\.csv": there is no such file/],
    ['a bad policy', () => ['--champion', at('prior.zip'), '--challenger', at('logistic.zip'), '--test', at('test.csv'), '--policy', at('bad.json')], /bad\.json: "metric\.margin" must be a number from 0 to 1; got "1%"/],
    ['a corrupt bundle', () => ['--champion', at('corrupt.zip'), '--challenger', at('logistic.zip'), '--test', at('test.csv')], /--champion .*corrupt\.zip is not a sound bundle/],
    ['a test file without the target', () => ['--champion', at('prior.zip'), '--challenger', at('logistic.zip'), '--test', at('no-target.csv')], /has no column 'y', the champion's target/],
    ['a registry version without --registry', () => ['--champion', 'churn@champion', '--challenger', at('logistic.zip'), '--test', at('test.csv')], /needs --registry DIR/],
  ])('%s exits 2 with a message', async (_, argv, message) => {
    await writeFile(at('bad.json'), '{"metric": {"margin": "1%"}}');
    await writeFile(at('corrupt.zip'), 'not a zip');
    await writeFile(at('no-target.csv'), 'x1,x2,seg\n1,2,a\n');
    error.mockClear();
    expect(await gateCommand(argv())).toBe(2);
    expect(String(error.mock.calls[0]?.[0])).toMatch(message);
  }, 30_000);

  test('the real executable exits 1 for a worse challenger and 2 for a usage mistake', async () => {
    const run = (args: string[]) => promisify(execFile)(process.execPath, ['src/cli/modelbench.mjs', 'gate', ...args]).then(() => 0, (e: { code: number }) => e.code);
    expect(await run(['--champion', at('logistic.zip'), '--challenger', at('prior.zip'), '--test', at('test.csv')])).toBe(1);
    expect(await run(['--champion', at('logistic.zip')])).toBe(2);
  }, 60_000);
});
