/** `modelbench train` writes the explanation into run.json (rounded, small), and `modelbench export` puts it in the model card. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { exportCommand } from '../../../src/cli/export';
import { trainCommand } from '../../../src/cli/train';
import type { ExplanationSummary } from '../../../src/core/explain';
import type { ContributionSet, DependenceSet } from '../../../src/core/models/explain/types';
import { writeCsv } from '../../../src/core/table';
import { penguins } from '../core/recipe/tableOf';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-train-explain-'));
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  log.mockRestore();
});

describe('modelbench train: explanation', () => {
  test('run.json holds importance, partial dependence and contributions; the card says what drives the predictions', async () => {
    const file = join(dir, 'penguins.csv');
    writeFileSync(file, writeCsv(penguins()));
    const out = join(dir, 'run');
    expect(await trainCommand([file, '--target', 'Body Mass (g)', '--model', 'linear', '--backend', 'cpu', '--cv', '0', '--out', out])).toBe(0);
    const text = readFileSync(join(out, 'run.json'), 'utf8');
    const run = JSON.parse(text) as { explanation: { permutation: { name: string }[]; dependence: DependenceSet; contributions: ContributionSet }; explanationSummary: ExplanationSummary };
    const e = run.explanation;
    expect(e.permutation.length).toBe(6);
    expect(e.dependence.output).toBe('predicted Body Mass (g)');
    expect(e.dependence.curves.map((c) => c.column)).toEqual(e.permutation.slice(0, 5).map((p) => p.name));
    for (const c of e.dependence.curves) {
      expect(c.ice.length).toBeLessThanOrEqual(40);
      for (const v of [...c.pd, ...c.ice.flat()]) expect(v).toBe(Number(v.toPrecision(4)));
    }
    expect(e.contributions.method).toBe('coefficients');
    expect(e.contributions.rows[0].contributions.map((c) => c.feature).sort()).toEqual(['Beak Depth (mm)', 'Beak Length (mm)', 'Flipper Length (mm)', 'Island', 'Sex', 'Species']);
    expect(run.explanationSummary.measure).toBe('rise in RMSE');
    expect(text).not.toMatch(/NaN/);

    const zip = join(dir, 'bundle.zip');
    expect(await exportCommand([out, '--out', zip])).toBe(0);
    const card = strFromU8(unzipSync(new Uint8Array(readFileSync(zip)))['README.md']);
    expect(card).toContain('## What drives the predictions');
    expect(card).toContain('| Column | Rise in RMSE |');
    expect(card).toMatch(/- \*\*.+\*\* \((rises|falls|mixed|flat|by category)\): The predicted Body Mass \(g\) /);
  }, 120_000);
});
