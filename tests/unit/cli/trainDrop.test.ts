/** `modelbench train --drop COL`: a column that gives the target away is named on stderr, and --drop leaves it out. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseTrainArgs } from '../../../src/cli/train';
import { runMain } from './runMain';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-train-drop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// "alive" is the target written again (yes/no); "fare" and "age" carry a little signal.
const lines = ['survived,age,fare,alive'];
for (let i = 0; i < 200; i++) {
  const survived = (i * 7) % 5 < 2 ? 1 : 0;
  lines.push(`${survived},${18 + ((i * 13) % 50)},${(5 + ((i * 31) % 90) + survived * 10).toFixed(2)},${survived ? 'yes' : 'no'}`);
}
const file = join(dir, 'passengers.csv');
writeFileSync(file, `${lines.join('\n')}\n`);
const base = [file, '--target', 'survived', '--model', 'logistic', '--backend', 'cpu', '--cv', '0'];

describe('modelbench train --drop', () => {
  test('names the leaking column, with the flag that leaves it out', async () => {
    const { code, err } = await runMain(['train', ...base, '--out', join(dir, 'leaky')]);
    expect(code).toBe(0);
    expect(err).toContain('warning: "alive" predicts "survived" almost perfectly');
    expect(err).toContain('Pass --drop alive to leave it out.');
  });

  test('--drop leaves the column out of the recipe and the model, with no warning', async () => {
    const out = join(dir, 'dropped');
    const { code, err } = await runMain(['train', ...base, '--drop', 'alive', '--out', out]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(err).not.toContain('warning:');
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.recipe.steps[0]).toEqual({ kind: 'drop', columns: ['alive'] });
    expect(run.fittedRecipe.featureNames).not.toContain('alive');
    expect(run.metrics.accuracy).toBeLessThan(1);
  });

  test('a column the file lacks, the target, or an empty list is refused with what to do', async () => {
    const missing = await runMain(['train', ...base, '--drop', 'alive,nope', '--out', join(dir, 'x')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`--drop nope: "${file}" has no column "nope". Its columns are "survived", "age", "fare", "alive".`);
    expect(() => parseTrainArgs([...base, '--drop', 'survived', '--out', 'o'])).toThrow('that is the target column');
    expect(() => parseTrainArgs([...base, '--drop', ',', '--out', 'o'])).toThrow('--drop needs the columns to leave out');
    expect(parseTrainArgs([...base, '--drop', 'a, b', '--out', 'o']).drop).toEqual(['a', 'b']);
  });
});
