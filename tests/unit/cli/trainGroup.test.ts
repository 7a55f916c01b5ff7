/** `modelbench train --group COL`: a group split and group k-fold from the command line, and the hint without it. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { parseTrainArgs, trainCommand } from '../../../src/cli/train';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-train-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A panel: 40 countries × 8 years, life expectancy rising with the year and differing by country.
const lines = ['country,year,gdp,lifeExp'];
for (let c = 0; c < 40; c++) for (let y = 0; y < 8; y++) lines.push(`C${c},${1970 + 5 * y},${1000 + 37 * c + 90 * y},${45 + (c % 13) + 1.2 * y}`);
const file = join(dir, 'panel.csv');
writeFileSync(file, `${lines.join('\n')}\n`);

async function train(argv: string[]) {
  let err = '';
  const error = vi.spyOn(console, 'error').mockImplementation((m) => void (err += `${m}\n`));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    return { code: await trainCommand(argv), err };
  } finally {
    error.mockRestore();
    log.mockRestore();
  }
}

describe('modelbench train --group', () => {
  test('reads the flag', () => {
    expect(parseTrainArgs([file, '--target', 'lifeExp', '--group', 'country', '--out', 'o'])).toMatchObject({ group: 'country' });
  });

  test('splits by country, reports the groups on each side, and cross-validates by country', async () => {
    const out = join(dir, 'grouped');
    const { code, err } = await train([file, '--target', 'lifeExp', '--model', 'linear', '--backend', 'cpu', '--cv', '3', '--group', 'country', '--out', out]);
    expect(code).toBe(0);
    expect(err).not.toContain('Pass --group');
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.recipe.split).toMatchObject({ method: 'group', groupColumn: 'country' });
    expect(run.rows.groups).toEqual({ column: 'country', train: 32, test: 8 });
    expect(run.rows.test).toBe(64);
    expect(run.cv.folds).toBe(3);
    // The folds are made of whole countries: 32 training countries cannot make 40 folds.
    const tooMany = await train([file, '--target', 'lifeExp', '--model', 'linear', '--backend', 'cpu', '--cv', '40', '--group', 'country', '--out', join(dir, 'too-many')]);
    expect(tooMany).toEqual({ code: 1, err: 'Group k-fold needs at least 40 groups for 40 folds; the training rows have 32. Use fewer folds or another split.\n' });
  }, 60_000);

  test('without the flag it says the file looks like panel data', async () => {
    const { code, err } = await train([file, '--target', 'lifeExp', '--model', 'linear', '--backend', 'cpu', '--cv', '0', '--out', join(dir, 'plain')]);
    expect(code).toBe(0);
    expect(err).toContain('Note: Each of the 40 country values has about 8 rows, one per year: a random split would test on a country whose other rows the model trained on. Pass --group country to keep each country\'s rows together.');
  }, 60_000);
});

describe('modelbench train --time', () => {
  // Two stores' daily sales over 90 days, rising with the day.
  const sales = ['date,store,sales'];
  for (let d = 0; d < 90; d++) for (const s of ['A', 'B']) sales.push(`${new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)},${s},${100 + d + (s === 'A' ? 10 : 0)}`);
  const timeline = join(dir, 'sales.csv');
  writeFileSync(timeline, `${sales.join('\n')}\n`);

  test('without the flag it offers a time split; with it the test rows are the latest days; with --group too it asks for one', async () => {
    const plain = await train([timeline, '--target', 'sales', '--model', 'linear', '--backend', 'cpu', '--cv', '0', '--out', join(dir, 'sales-plain')]);
    expect(plain.code).toBe(0);
    expect(plain.err).toContain('Note: "date" runs from 2023-01-01 to 2023-03-31. If the model will predict rows later than the ones it learns from, test it on the latest rows');
    expect(plain.err).toContain('Pass --time date to do so.');
    const out = join(dir, 'sales-time');
    const timed = await train([timeline, '--target', 'sales', '--model', 'linear', '--backend', 'cpu', '--cv', '3', '--time', 'date', '--out', out]);
    expect(timed.code).toBe(0);
    expect(timed.err).not.toContain('Pass --time');
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.recipe.split).toMatchObject({ method: 'time', timeColumn: 'date' });
    expect(run.rows.test).toBe(36);
    // Its cross-validation follows time too: three folds, each tested on days after its training days.
    expect(run.cv).toMatchObject({ folds: 3, ordered: true });
    expect(() => parseTrainArgs([timeline, '--target', 'sales', '--group', 'store', '--time', 'date', '--out', 'o'])).toThrow('--group and --time choose different splits');
  }, 60_000);
});
