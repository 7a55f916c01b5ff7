/** `modelbench --help`, `<command> --help`, `--version`, and one-line errors with a non-zero exit. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { SUMMARIES } from '../../../src/cli/help';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const missing = join(dir, 'no-such-file.csv');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** Runs `modelbench ARGV` in-process, collecting stdout (console.log) and stderr (console.error). */
async function run(argv: string[]) {
  let out = '';
  let err = '';
  const log = vi.spyOn(console, 'log').mockImplementation((m) => void (out += `${m}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((m) => void (err += `${m}\n`));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((m) => ((out += String(m)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

describe('help and version', () => {
  test.each([['--help'], ['-h'], ['help']])('%s lists every command on stdout and exits 0', async (flag) => {
    const r = await run([flag]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    for (const [name, summary] of Object.entries(SUMMARIES)) expect(r.out).toContain(`  ${name}`), expect(r.out).toContain(summary);
    expect(r.out).not.toMatch(/Unknown/);
  });

  test.each([['--version'], ['-v'], ['version']])('%s prints the package version and exits 0', async (flag) => {
    const r = await run([flag]);
    expect(r).toEqual({ code: 0, out: `modelbench ${pkg.version}\n`, err: '' });
  });

  test('no command prints the overview on stderr and exits 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('modelbench <command>');
  });

  test('an unknown command names itself and the commands that exist', async () => {
    const r = await run(['trian', 'x.csv']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('Unknown command "trian". The commands are profile, train, export, score, compare, ab-bundle, ab-analyze, gate, registry, pipeline, serve, sql, loadtest; run `modelbench --help` for what each does.\n');
  });

  // Each command's help shows the usage its own errors repeat: triggering a flag error proves they agree.
  test.each(Object.keys(SUMMARIES))('%s --help prints what it does and its usage, and exits 0', async (name) => {
    const r = await run([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.startsWith(`${SUMMARIES[name]}\n\nUsage: modelbench ${name} `)).toBe(true);
    const usageLine = r.out.split('\n')[2];
    const wrong = await run([name, '--no-such-flag']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('Unknown flag "--no-such-flag"');
    expect(wrong.err).toContain(usageLine);
    expect((await run(['help', name])).out).toBe(r.out);
  });

  test('train --help lists the options of every model kind', async () => {
    const r = await run(['train', '-h', '--target', 'y']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}gbdt: .*--rounds .*--maxDepth/m);
    expect(r.out).toMatch(/^ {2}mlp: .*--units .*--dropout/m);
  });

  test('--help after a lone -- is an argument, not a help request', async () => {
    const r = await run(['profile', '--', '--help']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Cannot open "--help": there is no such file or folder; check the path\.\n$/);
  });
});

describe('errors are one line and a non-zero exit', () => {
  test.each([
    ['profile', [missing]],
    ['train', [missing, '--target', 'y', '--out', join(dir, 'run')]],
    ['score', [join(dir, 'no-bundle.zip'), missing, '--out', join(dir, 'p.csv')]],
    ['compare', [join(dir, 'a.zip'), join(dir, 'b.zip'), missing, '--target', 'y']],
    ['ab-analyze', [missing, '--weights', 'control=90,challenger=10']],
  ])('%s with a missing file names it', async (command, args) => {
    const r = await run([command, ...args]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Cannot open ".*(no-such-file\.csv|no-bundle\.zip|a\.zip)": there is no such file or folder; check the path\.\n$/);
  });

  test('a folder of tables given as the input file is read as images, and the message says how to open a table', async () => {
    writeFileSync(join(dir, 'table.csv'), 'a,b\n1,2\n');
    const r = await run(['profile', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/holds no images \(PNG, JPEG, WebP or GIF\), only \d+ other files?\. To open a table instead, name the file itself, such as ".*table\.csv"\. Expected one subfolder per class/);
  });

  test('a flag mistake inside a command is its message alone, exit 2', async () => {
    const r = await run(['ab-analyze', missing, '--weights', '90']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--weights needs at least two values/);
    expect(r.err).not.toMatch(/RangeError|\n\s+at /);
  });

  test('a table of free text only trains on its words; one no model can learn from is refused in one line', async () => {
    const file = join(dir, 'packages.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `"a small library for ${['parsing', 'plots', 'http'][i % 3]} number ${i}",${['text', 'graphics', 'web'][i % 3]}`);
    writeFileSync(file, `description,section\n${rows.join('\n')}\n`);
    const trained = await run(['train', file, '--target', 'section', '--model', 'logistic', '--cv', '0', '--out', join(dir, 'run-text')]);
    expect(trained.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'run-text', 'run.json'), 'utf8')).fittedRecipe.featureNames).toContain('description:parsing');
    const constant = join(dir, 'constant.csv');
    writeFileSync(constant, `unit,section\n${Array.from({ length: 40 }, (_, i) => `kg,${['a', 'b'][i % 2]}`).join('\n')}\n`);
    for (const model of ['mlp', 'logistic', 'gbdt', 'baseline']) {
      const r = await run(['train', constant, '--target', 'section', '--model', model, '--out', join(dir, `run-${model}`)]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^No usable input columns: 'unit' holds the same value in every row, which this recipe drops\. Add a column [^\n]*\n$/);
    }
  });

  test('the real executable prints one line for a missing file and exits 1', async () => {
    const e = await promisify(execFile)(process.execPath, ['src/cli/modelbench.mjs', 'train', missing, '--target', 'y', '--out', join(dir, 'x')]).then(
      () => null,
      (x: { code: number; stdout: string; stderr: string }) => x,
    );
    expect(e?.code).toBe(1);
    expect(e?.stdout).toBe('');
    expect(e?.stderr).toBe(`Cannot open "${missing}": there is no such file or folder; check the path.\n`);
  });
});
