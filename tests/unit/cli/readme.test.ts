/** The README's command-line section lists every command and every flag its usage names, and how to change the port. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { SUMMARIES } from '../../../src/cli/help';
import { USAGE as profile } from '../../../src/cli/profile';
import { USAGE as train } from '../../../src/cli/train';
import { USAGE as exportUsage } from '../../../src/cli/export';
import { USAGE as score } from '../../../src/cli/score';
import { USAGE as compare } from '../../../src/cli/compare';
import { USAGE as abBundle } from '../../../src/cli/abBundle';
import { USAGE as abAnalyze } from '../../../src/cli/ab';
import { USAGE as gate } from '../../../src/cli/gate';
import { USAGE as registry } from '../../../src/cli/registry';
import { USAGE as pipeline } from '../../../src/cli/pipeline';
import { USAGE as serve } from '../../../src/cli/serve';
import { USAGE as sql } from '../../../src/cli/sql';
import { USAGE as loadtest } from '../../../src/cli/loadtest';

const USAGES: Record<string, string> = { profile, train, export: exportUsage, score, compare, 'ab-bundle': abBundle, 'ab-analyze': abAnalyze, gate, registry, pipeline, serve, sql, loadtest };
const readme = readFileSync('README.md', 'utf8');

test('every command is in the README with every flag of its usage', () => {
  expect(Object.keys(USAGES).sort()).toEqual(Object.keys(SUMMARIES).sort());
  for (const [name, usage] of Object.entries(USAGES)) {
    const line = readme.split('\n').find((l) => l.startsWith(`npx modelbench ${name} `));
    expect(line, `README lists modelbench ${name}`).toBeDefined();
    for (const flag of usage.split('\n')[0].match(/--[A-Za-z][\w-]*/g) ?? []) expect(line, `${name} ${flag}`).toContain(flag);
  }
});

test('the README says how to serve on another port', () => {
  expect(readme).toContain('npm start -- --port 8080');
  expect(readme).toContain('PORT=8080 npm start');
});
