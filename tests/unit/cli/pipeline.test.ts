/** `modelbench pipeline run` on generated data: the first release, a better retrain promoted, a worse one refused, all in the audit log. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { pipelineCommand } from '../../../src/cli/pipeline';
import { gateCommand } from '../../../src/cli/gate';
import { readModel, versionNumbers } from '../../../src/cli/registryStore';
import { PIPELINE_FORMAT } from '../../../src/core/pipeline';
import { readAuditLog } from '../../../src/core/registryFolder';
import { generated } from './gateFixtures';
import { writeCsv } from '../../../src/core/table';

let dir: string;
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
const error = vi.spyOn(console, 'error').mockImplementation(() => {});
const summary = () => JSON.parse(String(log.mock.calls.at(-1)?.[0])) as Record<string, unknown>;

async function pipeline(kind: string, extra: Record<string, unknown> = {}): Promise<string> {
  const file = join(dir, `pipeline-${kind}.json`);
  await writeFile(file, JSON.stringify({ format: PIPELINE_FORMAT, name: 'churn', data: 'train.csv', target: 'y', test: 'test.csv', recipe: null, model: { kind, options: {} }, seed: 3, registry: 'registry', alias: 'champion', policy: { latency: { p99Ms: 100 } }, out: `out-${kind}`, ...extra }));
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelbench-pipeline-'));
  await writeFile(join(dir, 'train.csv'), writeCsv(generated(500, 7)));
  await writeFile(join(dir, 'test.csv'), writeCsv(generated(300, 11)));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  log.mockRestore();
  error.mockRestore();
});

describe('modelbench pipeline run', () => {
  test('releases the first version, promotes a better retrain, refuses a worse one, and logs every step', async () => {
    const registry = join(dir, 'registry');
    expect(await pipelineCommand(['run', await pipeline('baseline')])).toBe(0);
    expect(summary()).toMatchObject({ verdict: 'pass', champion: null, registered: 'churn@1', alias: 'champion' });
    expect(await pipelineCommand(['run', await pipeline('logistic')])).toBe(0);
    expect(summary()).toMatchObject({ verdict: 'pass', champion: 'churn@1', registered: 'churn@2', alias: 'champion', checks: { metric: 'pass' } });
    expect((await readModel(registry, 'churn')).aliases).toEqual({ champion: 2 });
    const worse = await pipeline('baseline', { out: 'out-worse' });
    expect(await pipelineCommand(['run', worse])).toBe(1);
    expect(summary()).toMatchObject({ verdict: 'fail', champion: 'churn@2', registered: null, checks: { metric: 'fail' } });
    expect(await readFile(join(dir, 'out-worse', 'report.md'), 'utf8')).toMatch(/the challenger is worse by/);
    expect(await readFile(join(dir, 'out-worse', 'junit.xml'), 'utf8')).toMatch(/<failure type="fail"/);
    expect(await versionNumbers(registry, 'churn')).toEqual([1, 2]);
    expect((await readModel(registry, 'churn')).aliases).toEqual({ champion: 2 });
    const audit = readAuditLog(await readFile(join(registry, 'audit.ndjson'), 'utf8'));
    expect(audit.problems).toEqual([]);
    expect(audit.entries.map((e) => [e.action, e.version ?? null, (e.detail?.verdict as string) ?? null])).toEqual([
      ['register', 1, null], ['alias', 1, null], ['gate', 1, 'pass'],
      ['register', 2, null], ['alias', 2, null], ['gate', 2, 'pass'],
      ['gate', null, 'fail'],
    ]);
    expect(audit.entries[4]).toMatchObject({ alias: 'champion', from: 1 });
    // The run folders the pipeline wrote gate directly too.
    expect(await gateCommand(['--champion', join(dir, 'out-logistic', 'run'), '--challenger', join(dir, 'out-baseline', 'run'), '--test', join(dir, 'test.csv'), '--format', 'text'])).toBe(1);
    expect(log.mock.calls.some(([line]) => /^FAIL +Primary metric/.test(String(line)))).toBe(true);
  }, 180_000);

  test.each([
    [['run'], /Name one pipeline file/],
    [['go', 'p.json'], /Unknown pipeline command "go"/],
  ])('%j exits 2', async (argv, message) => {
    expect(await pipelineCommand(argv)).toBe(2);
    expect(String(error.mock.calls.at(-1)?.[0])).toMatch(message);
  });
  test('a broken pipeline file exits 2 naming the key', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify({ format: PIPELINE_FORMAT, name: 'churn', data: 'train.csv', target: 'y', test: 'test.csv', model: { kind: 'gbdt' }, seed: -1, registry: 'r' }));
    expect(await pipelineCommand(['run', file])).toBe(2);
    expect(String(error.mock.calls.at(-1)?.[0])).toMatch(/broken\.json: "seed" must be a whole number ≥ 0; got -1/);
  });
  test('a failed training step exits 2', async () => {
    expect(await pipelineCommand(['run', await pipeline('baseline', { target: 'nope', out: 'out-bad' })])).toBe(2);
    expect(String(error.mock.calls.at(-1)?.[0])).toMatch(/The train step failed/);
  }, 60_000);
});
