/**
 * `modelbench ab-analyze` on a 90/10 log whose rows were re-sorted so the 10 % arm comes first:
 * once a false sample-ratio alarm and a reversed lift, now the same analysis as the log in time order.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { abAnalyzeCommand } from '../../../src/cli/ab';
import { createRng } from '../../../src/core/stats/rng';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-ab-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 6,000 units, 90 % control converting at 10 %, 10 % challenger at 14 %; one row per unit.
const rng = createRng(11);
const units = Array.from({ length: 6000 }, (_, i) => {
  const variant = rng.next() < 0.9 ? 'control' : 'challenger';
  return { id: `u${i}`, variant, time: 1_700_000_000_000 + i * 1000, converted: rng.next() < (variant === 'control' ? 0.1 : 0.14), revenue: Math.round(rng.next() * 5000) / 100 };
});
const challengerFirst = [...units].sort((a, b) => Number(b.variant === 'challenger') - Number(a.variant === 'challenger') || b.time - a.time);

function write(name: string, rows: typeof units, timestamps: boolean): string {
  const head = `unitId,variant,${timestamps ? 'timestamp,' : ''}converted,revenue`;
  const lines = rows.map((u) => `${u.id},${u.variant},${timestamps ? `${u.time},` : ''}${u.converted},${u.revenue}`);
  const path = join(dir, name);
  writeFileSync(path, `${[head, ...lines].join('\n')}\n`);
  return path;
}

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await abAnalyzeCommand(argv);
    const { file: _file, ...json } = JSON.parse(out);
    return { code, json, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('modelbench ab-analyze whichever arm comes first', () => {
  const inOrder = write('in-order.csv', units, true);
  const reordered = write('challenger-first.csv', challengerFirst, true);

  test('the re-sorted log gives the same analysis, SRM p-value and lift sign, with bare or named weights', async () => {
    const a = await run([inOrder, '--weights', 'control=90,challenger=10', '--outcome', 'converted']);
    const b = await run([reordered, '--weights', '90,10', '--outcome', 'converted']);
    expect(a.code).toBe(0);
    expect(a.json.metric).toBe('conversion');
    expect(a.json.srmFlag).toBe(false);
    expect(a.json.control).toBe('control');
    expect(a.json.lift).toBeGreaterThan(0);
    expect(b.json).toEqual(a.json);
    expect(b.err).toContain('Weights: control = 90 %, challenger = 10 % (bare weights put the control "control" first, the other variants in alphabetical order; name them to be explicit). Control: control.');
    expect(b.err).toContain('Outcome: converted, compared as a rate (all values are 0/1 or true/false, so the rate is compared).');
  });

  test('a value outcome is inferred from its values and is order-free too', async () => {
    const a = await run([inOrder, '--weights', 'control=90,challenger=10', '--outcome', 'revenue']);
    const b = await run([reordered, '--weights', 'challenger=10,control=90', '--outcome', 'revenue', '--metric', 'value']);
    expect(a.json.metric).toBe('value');
    expect(b.json).toEqual(a.json);
    expect(b.err).toContain('Weights: control = 90 %, challenger = 10 % (as named). Control: control.');
  });

  test('without timestamps every fixed-horizon figure still agrees', async () => {
    const a = await run([write('plain.csv', units, false), '--weights', '90,10', '--outcome', 'converted']);
    const b = await run([write('plain-reordered.csv', challengerFirst, false), '--weights', '90,10', '--outcome', 'converted']);
    for (const key of ['variants', 'srmPValue', 'srmFlag', 'lift', 'liftCi', 'pValue', 'relativeLift', 'verdict']) expect(b.json[key]).toEqual(a.json[key]);
  });

  test('bad weights name the variants and show the named form', async () => {
    await expect(run([reordered, '--weights', 'control=90,treatment=10', '--outcome', 'converted'])).rejects.toThrow(/--weights names "treatment", which the log does not have; the log's variant\(s\) "challenger" has no weight/);
    const ab = write('ab.csv', units.map((u) => ({ ...u, variant: u.variant === 'control' ? 'prior-v1' : 'net-v1' })), true);
    await expect(run([ab, '--weights', '90,10', '--outcome', 'converted'])).rejects.toThrow(/Name them, e\.g\. --weights net-v1=90,prior-v1=10/);
    await expect(run([ab, '--weights', '90,10', '--outcome', 'sales'])).rejects.toThrow(/no outcome column "sales" \(columns: unitId, variant, timestamp, converted, revenue\)/);
  });
});
