import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { abAnalyzeCommand, parseAbAnalyzeArgs } from '../../../../src/cli/ab';
import { expectClose, reference } from './reference';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-ab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const e = reference.experiment;
const names = ['champion', 'challenger'];
const csv = ['unitId,variant,conversion,value', ...e.variant.map((v, i) => `u${i},${names[v]},${e.conversion[i]},${e.value[i]}`)].join('\n');
const file = join(dir, 'joined.csv');
writeFileSync(file, `${csv}\n`);

async function run(argv: string[]) {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await abAnalyzeCommand(argv);
    return { code, json: JSON.parse(out) };
  } finally {
    spy.mockRestore();
  }
}

describe('modelbench ab-analyze', () => {
  test('prints the analysis JSON for a joined CSV (values match statsmodels / SciPy)', async () => {
    const { code, json } = await run([file, '--weights', 'champion=80,challenger=20']);
    expect(code).toBe(0);
    expect(json.variants.map((v: { n: number }) => v.n)).toEqual(e.n);
    expectClose(json.pValue, e.conversionP, 1e-9);
    expectClose(json.srmPValue, e.srmP, 1e-9);
    expect(typeof json.verdict).toBe('string');
    const value = await run([file, '--weights', '80,20', '--variants', 'champion,challenger', '--metric', 'value']);
    expectClose(value.json.pValue, e.valueP, 1e-9);
  });

  test('bare weights put the champion first whichever variant the file starts with, and are echoed', async () => {
    const { json } = await run([file, '--weights', '80,20']);
    expect(json.weights).toEqual([{ name: 'champion', weight: 80 }, { name: 'challenger', weight: 20 }]);
    expectClose(json.srmPValue, e.srmP, 1e-9);
  });

  test('flag errors name the flag and show the usage', () => {
    expect(() => parseAbAnalyzeArgs([file, '--weights', '90'])).toThrow(/at least two values.*Usage/s);
    expect(() => parseAbAnalyzeArgs([file, '--weights', '90,x'])).toThrow(/--weights must be a positive number; got "x"/);
    expect(() => parseAbAnalyzeArgs([file, '--weights', '90,10', '--metric', 'revenue'])).toThrow(/"revenue"/);
    expect(() => parseAbAnalyzeArgs(['--weights', '90,10'])).toThrow(/No input file/);
  });

  test('a file without the outcome column is a DataError listing the columns', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'unitId,variant\na,champion\nb,challenger\n');
    await expect(abAnalyzeCommand([bad, '--weights', '50,50'])).rejects.toThrow(/no conversion or value column \(columns: unitId, variant\)\. Name the outcome column with --outcome COL/);
  });
});
