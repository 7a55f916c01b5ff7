/** Every command that reads a table says what the reader noticed, on stderr, naming the file and the rows. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMain } from './runMain';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-read-warnings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`);

describe('modelbench commands warn about rows the reader repaired', () => {
  test('train, score and profile --stream name the file and the short or long rows; a clean file gets no warning', async () => {
    const clean = join(dir, 'clean.csv');
    writeFileSync(clean, ['a,b,y', ...rows(60)].join('\n'));
    const ragged = join(dir, 'ragged.csv');
    const lines = ['a,b,y', ...rows(60)];
    lines[3] = '5';
    lines[41] = '1,2,1,9';
    writeFileSync(ragged, lines.join('\n'));

    const trained = await runMain(['train', clean, '--target', 'y', '--model', 'baseline', '--cv', '0', '--out', join(dir, 'run')]);
    expect(trained.code).toBe(0);
    expect(trained.err).not.toContain('warning');

    const shortRow = await runMain(['train', ragged, '--target', 'y', '--model', 'baseline', '--cv', '0', '--out', join(dir, 'run2')]);
    expect(shortRow.code).toBe(0);
    expect(shortRow.err).toContain(`warning: ${ragged}: 2 data rows (rows 3 and 41) have a different number of fields from the header's 3.`);
    // The short row has no target: the JSON line has no room to say so, stderr does.
    expect(shortRow.err).toMatch(/note: Tested on [0-9]+ held-out rows \(trained on [0-9]+\); 1 row without a target was left out\./);

    expect((await runMain(['export', join(dir, 'run'), '--out', join(dir, 'bundle.zip')])).code).toBe(0);
    const scored = await runMain(['score', join(dir, 'bundle.zip'), ragged, '--out', join(dir, 'scored.csv')]);
    expect(scored.code).toBe(0);
    expect(scored.err).toContain(`${ragged}: 2 data rows (rows 3 and 41)`);
    const streamed = await runMain(['profile', ragged, '--stream', '--out', join(dir, 'profile.json')]);
    expect(streamed.code).toBe(0);
    expect(streamed.err).toContain(`warning: ${ragged}: 2 data rows (rows 3 and 41)`);
  }, 120_000);

  test('a test file is read with the training file\'s types: a stray word in a number column is one missing value, said so', async () => {
    const train = join(dir, 'train.csv');
    writeFileSync(train, ['a,b,y', ...rows(80)].join('\n'));
    const test = join(dir, 'test.csv');
    const lines = ['a,b,y', ...rows(30)];
    lines[8] = 'unknown,2,1';
    writeFileSync(test, lines.join('\n'));
    const r = await runMain(['train', train, '--test', test, '--target', 'y', '--model', 'logistic', '--backend', 'cpu', '--cv', '0', '--out', join(dir, 'run3')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning: ${test}: 1 value in column "a" is not integer, the column's type in the training file, so it was read as missing.`);
  }, 120_000);
});
