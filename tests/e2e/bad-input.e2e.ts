import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openSample } from './fixtures';
import { mainThreadTasks } from './mainThreadTasks';
import { ensureFlights } from '../bench/gen-flights.mjs';

const dir = mkdtempSync(join(tmpdir(), 'mb-e2e-'));

/** A real Parquet file written by DuckDB, then cut short so its footer is missing. */
async function truncatedParquet(): Promise<Buffer> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const path = join(dir, 'good.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run(`COPY (SELECT range AS id, 'v' || range AS label FROM range(5000)) TO '${path}' (FORMAT parquet)`);
  const bytes = readFileSync(path);
  return bytes.subarray(0, Math.floor(bytes.length * 0.6));
}

const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));

test.describe('Bad input never breaks the page', () => {
  const cases: { name: string; file: () => Promise<{ name: string; buffer: Buffer }>; message: RegExp }[] = [
    { name: 'an empty file', file: async () => ({ name: 'empty.csv', buffer: Buffer.alloc(0) }), message: /empty\.csv.*empty/i },
    { name: 'a binary file named .csv', file: async () => ({ name: 'photo.csv', buffer: binary }), message: /photo\.csv.*binary/i },
    {
      name: 'a JSON that is not records',
      file: async () => ({ name: 'config.json', buffer: Buffer.from('{"a": 1, "b": [1, 2]}') }),
      message: /config\.json.*(records|object)/i,
    },
    {
      name: 'an Excel workbook',
      file: async () => {
        const { zipSync, strToU8 } = await import('fflate');
        return { name: 'sales.xlsx', buffer: Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') })) };
      },
      message: /sales\.xlsx.*Excel workbook.*Save As/,
    },
    { name: 'a truncated Parquet file', file: async () => ({ name: 'cut.parquet', buffer: await truncatedParquet() }), message: /cut\.parquet/i },
  ];

  for (const c of cases) {
    test(`${c.name} gets a clear message and the open dataset stays usable`, async ({ page }) => {
      await openSample(page, 'penguins');
      const file = await c.file();
      await page.getByLabel('Open another dataset').setInputFiles({ ...file, mimeType: 'application/octet-stream' });
      const alert = page.getByRole('alert');
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(c.message);
      await expect(page.getByRole('heading', { name: 'Palmer penguins' })).toBeVisible();
      await expect(page.getByRole('gridcell', { name: 'Adelie' }).first()).toBeVisible();
      await page.getByRole('button', { name: 'Dismiss this message' }).click();
      await expect(alert).toBeHidden();
    });
  }

  test('a header-only file opens as an empty table with a warning', async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n') });
    await expect(page.getByText('0 rows × 3 columns')).toBeVisible();
    await expect(page.locator('.warnings')).toContainText(/no data rows/i);
  });
});

test.describe('Large files', () => {
  test.describe.configure({ timeout: 240_000 });
  let bigPath = '';
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    bigPath = join(tmpdir(), 'mb-e2e-flights-3m.csv');
    await ensureFlights({ path: bigPath, rows: 3_000_000, seed: 7 });
  });

  test('a 100 MB CSV loads in a worker without blocking the main thread for more than 50 ms @solo', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByLabel('Open dataset')).toBeAttached();
    expect(statSync(bigPath).size).toBeGreaterThan(95e6);
    // The main thread's work per task, read from a trace: processor time, not wall time. On this
    // 2-core machine the studio's own parsing worker, the GPU process and any run beside it take the
    // core from the page now and then, so a 25 ms task can read 85 ms of wall time (measured: wall
    // 85 ms for 27 ms of work, and 72 ms for 11 ms); what the studio controls is the work in a task.
    const tasks = await mainThreadTasks(page, async () => {
      await page.getByLabel('Open dataset').setInputFiles(bigPath);
      await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 120_000 });
    });
    const longest = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 5);
    test.info().annotations.push({ type: 'longest main-thread tasks (processor ms / wall ms)', description: longest.map((t) => `${t.cpuMs.toFixed(1)} / ${t.wallMs.toFixed(1)}`).join(', ') });
    expect(longest[0].cpuMs).toBeLessThanOrEqual(50);
    await expect(page.getByText('3,000,000 rows × 5 columns')).toBeVisible();

    // The virtual grid reaches the last row.
    const grid = page.getByRole('grid');
    await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.getByRole('rowheader', { name: '3,000,000' })).toBeVisible();
  });

  test('Cancel stops a large load and keeps the dataset that was open', async ({ page }) => {
    await openSample(page, 'penguins');
    await page.getByLabel('Open another dataset').setInputFiles(bigPath);
    const progress = page.getByTestId('load-status');
    await expect(progress).toBeVisible();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('status')).toContainText('cancelled');
    await expect(page.getByRole('heading', { name: 'Palmer penguins' })).toBeVisible();
    // The studio is still usable: another file opens.
    await page.getByLabel('Open another dataset').setInputFiles({ name: 'after.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n1,2\n') });
    await expect(page.getByRole('heading', { name: 'after.csv' })).toBeVisible();
  });
});

