/** `modelbench train` writes metrics by slice into run.json, and `modelbench export` puts the weakest in the model card. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { exportCommand } from '../../../src/cli/export';
import { trainCommand } from '../../../src/cli/train';
import type { SliceReportJson } from '../../../src/core/explain';
import { writeCsv } from '../../../src/core/table';
import { penguins } from '../core/recipe/tableOf';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-train-slices-'));
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  log.mockRestore();
});

describe('modelbench train: slices', () => {
  test('run.json holds the weakest slices, rounded, and the exported card lists them', async () => {
    const file = join(dir, 'penguins.csv');
    writeFileSync(file, writeCsv(penguins()));
    const out = join(dir, 'run');
    expect(await trainCommand([file, '--target', 'Species', '--model', 'logistic', '--backend', 'cpu', '--cv', '0', '--out', out])).toBe(0);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { slices: SliceReportJson; rows: { test: number } };
    const s = run.slices;
    expect(s).toMatchObject({ metric: 'logLoss', secondary: 'accuracy', totalRows: run.rows.test, minRows: 30 });
    expect(s.columns).toEqual(expect.arrayContaining(['Island', 'Sex', 'Beak Length (mm)']));
    // Each column's slices cover every held-out row once.
    for (const c of s.columns) expect(s.slices.filter((x) => x.column === c).reduce((a, x) => a + x.rows, 0)).toBe(run.rows.test);
    expect(s.slices.map((x) => x.label)).toContain('Biscoe');
    const firstSmall = s.slices.findIndex((x) => x.small);
    const large = firstSmall < 0 ? s.slices : s.slices.slice(0, firstSmall);
    const gaps = large.map((x) => x.worseBy ?? -Infinity);
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    for (const x of s.slices) if (x.metric !== null) expect(x.metric).toBe(Number(x.metric.toPrecision(4)));

    const zip = join(dir, 'bundle.zip');
    expect(await exportCommand([out, '--out', zip])).toBe(0);
    const card = strFromU8(unzipSync(new Uint8Array(readFileSync(zip)))['README.md']);
    expect(card).toContain('## Weakest slices');
    expect(card).toContain('| Column | Slice | Rows | Log loss | Accuracy | Against overall |');
    expect(card).toContain(`| ${s.slices[0].column.replace(/[()]/g, '\\$&')} | `);
  }, 120_000);
});
