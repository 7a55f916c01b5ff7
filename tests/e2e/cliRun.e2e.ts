/** A CLI run folder imported into the studio's registry, downloaded back as a CLI run, and imported again. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { test, expect } from './fixtures';

test('a CLI run imports as a version, downloads as a CLI run with the same run.json, and imports again', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'modelbench-e2e-cli-run-'));
  try {
    execFileSync('node', ['src/cli/modelbench.mjs', 'train', 'public/samples/breast-cancer.csv', '--target', 'diagnosis', '--model', 'gbdt', '--rounds', '20', '--cv', '0', '--backend', 'cpu', '--quiet', '--out', join(dir, 'penguins-run')], { stdio: 'pipe' });
    const names = ['run.json', 'trees.json'];
    const zip = zipSync(Object.fromEntries(names.map((n) => [`penguins-run/${n}`, new Uint8Array(readFileSync(join(dir, 'penguins-run', n)))])));
    const original = JSON.parse(readFileSync(join(dir, 'penguins-run', 'run.json'), 'utf8'));

    await page.goto('./#models');
    await expect(page.getByTestId('registry-status')).toHaveAttribute('data-state', 'ready');
    await page.getByRole('tab', { name: 'Storage and workspace' }).click();
    await page.getByLabel('CLI run files or zip to import').setInputFiles({ name: 'penguins-run.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await expect(page.getByTestId('run-import-summary')).toContainText('Imported as penguins-run v1.');

    await page.getByRole('tab', { name: 'Registered models' }).click();
    await page.getByRole('button', { name: 'penguins-run', exact: true }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download v1 as a CLI run' }).click();
    const file = join(dir, 'back.zip');
    await (await downloading).saveAs(file);
    const back = unzipSync(new Uint8Array(readFileSync(file)));
    expect(Object.keys(back).sort()).toEqual(['penguins-run-v1/run.json', 'penguins-run-v1/trees.json']);
    const written = JSON.parse(new TextDecoder().decode(back['penguins-run-v1/run.json']));
    for (const field of ['format', 'backend', 'seed', 'spec', 'recipe', 'fittedRecipe', 'metrics', 'baselineMetrics', 'rows', 'timings', 'history', 'explanation', 'slices', 'training', 'model', 'modelFiles']) {
      expect(written[field], field).toEqual(original[field]);
    }
    expect(written.data).toEqual({ name: 'breast-cancer.csv', rows: original.data.rows, fingerprint: original.data.fingerprint });

    await page.getByRole('tab', { name: 'Storage and workspace' }).click();
    await page.getByLabel('CLI run files or zip to import').setInputFiles({ name: 'penguins-run.zip', mimeType: 'application/zip', buffer: readFileSync(file) });
    await expect(page.getByTestId('run-import-summary')).toContainText('Imported as penguins-run v2.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
