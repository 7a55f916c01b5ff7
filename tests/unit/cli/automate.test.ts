/**
 * The files "Automate this" exports are known to work: the GitHub workflow's `run` steps, read out
 * of the exported YAML, run in a clean git checkout on generated data with this repository's CLI,
 * release the model, write the job summary and push the registry to the remote.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { automationFiles } from '../../../src/core/pipeline';
import { writeCsv } from '../../../src/core/table';
import { generated } from './gateFixtures';

const exec = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelbench-automate-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Each `run: |` block of the workflow's steps, in order, with its step name. */
function runSteps(yml: string): { name: string; script: string }[] {
  const steps = yml.split(/\n      - /).slice(1);
  return steps.flatMap((step) => {
    const name = /^name: (.*)$/m.exec(step)?.[1];
    const run = /^ {8}run: \|\n((?: {10}.*\n?)+)/m.exec(step)?.[1];
    return name && run ? [{ name, script: run.replace(/^ {10}/gm, '') }] : [];
  });
}

test('the exported GitHub workflow steps run in a clean checkout and release the model', async () => {
  const files = automationFiles({ model: 'churn', dataFile: 'customers.csv', target: 'y', recipe: null, spec: { kind: 'logistic', options: {} }, seed: 5 }, { cli: 'npx modelbench', node: '22' });
  const remote = join(dir, 'remote.git');
  const work = join(dir, 'work');
  await exec('git', ['init', '--bare', '-b', 'main', remote]);
  await exec('git', ['clone', remote, work]);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(work, path)), { recursive: true });
    await writeFile(join(work, path), text);
  }
  await mkdir(join(work, 'data'));
  await writeFile(join(work, 'data/customers.csv'), writeCsv(generated(400, 7)));
  await writeFile(join(work, 'data/customers-test.csv'), writeCsv(generated(200, 11)));
  const git = (...args: string[]) => exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: work });
  await git('add', '.');
  await git('commit', '-m', 'Automate churn');
  await git('push', 'origin', 'main');

  const steps = runSteps(files['.github/workflows/modelbench.yml']);
  expect(steps.map((s) => s.name)).toEqual(['Install', 'Retrain, gate and release', 'Job summary', 'Commit the registry']);
  const summary = join(dir, 'summary.md');
  const env = { ...process.env, MODELBENCH: `${process.execPath} ${resolve('src/cli/modelbench.mjs')}`, MODEL_NAME: 'churn', GITHUB_STEP_SUMMARY: summary };
  for (const step of steps) await exec('bash', ['-e', '-c', step.script], { cwd: work, env });

  expect(await readFile(summary, 'utf8')).toMatch(/^<!-- modelbench-gate -->\n## Model gate\n\nThe registry has no churn@champion yet/);
  const clone = join(dir, 'check');
  await exec('git', ['clone', remote, clone]);
  const model = JSON.parse(await readFile(join(clone, 'registry/models/churn/model.json'), 'utf8'));
  expect(model.aliases).toEqual({ champion: 1 });
  expect(await readFile(join(clone, 'registry/audit.ndjson'), 'utf8')).toMatch(/"action":"register"/);
}, 180_000);
