/** Models → "Automate": the downloaded pipeline.json runs with the CLI and releases the version into a registry folder. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { test, expect } from './fixtures';

test('a version’s automation files download, and their pipeline retrains, gates and registers it', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'modelbench-e2e-automate-'));
  try {
    execFileSync('node', ['src/cli/modelbench.mjs', 'train', 'public/samples/breast-cancer.csv', '--target', 'diagnosis', '--model', 'gbdt', '--rounds', '20', '--cv', '0', '--backend', 'cpu', '--quiet', '--out', join(dir, 'cancer')], { stdio: 'pipe' });
    const zip = zipSync(Object.fromEntries(['run.json', 'trees.json'].map((n) => [`cancer/${n}`, new Uint8Array(readFileSync(join(dir, 'cancer', n)))])));

    await page.goto('./#models');
    await expect(page.getByTestId('registry-status')).toHaveAttribute('data-state', 'ready');
    await page.getByRole('tab', { name: 'Storage and workspace' }).click();
    await page.getByLabel('CLI run files or zip to import').setInputFiles({ name: 'cancer.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await expect(page.getByTestId('run-import-summary')).toContainText('Imported as cancer v1.');
    await page.getByRole('tab', { name: 'Registered models' }).click();
    await page.getByRole('button', { name: 'cancer', exact: true }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Automate v1' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('cancer-automation.zip');
    await expect(page.getByText('Automation for cancer v1 was downloaded')).toBeVisible();
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(Object.keys(files).sort()).toEqual(['cancer-automation/.github/workflows/modelbench.yml', 'cancer-automation/.gitlab-ci.yml', 'cancer-automation/AUTOMATE.md', 'cancer-automation/pipeline.json']);

    const work = join(dir, 'repo');
    for (const [path, bytes] of Object.entries(files)) {
      const to = join(work, path.replace('cancer-automation/', ''));
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, bytes);
    }
    const pipeline = JSON.parse(strFromU8(files['cancer-automation/pipeline.json'])) as { data: string; test: string; model: { kind: string } };
    expect(pipeline.model.kind).toBe('gbdt');
    mkdirSync(join(work, 'data'), { recursive: true });
    copyFileSync('public/samples/breast-cancer.csv', join(work, pipeline.data));
    copyFileSync('public/samples/breast-cancer.csv', join(work, pipeline.test));
    const out = execFileSync('node', [resolve('src/cli/modelbench.mjs'), 'pipeline', 'run', 'pipeline.json'], { cwd: work, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toMatchObject({ verdict: 'pass', registered: 'cancer@1', alias: 'champion' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
