/**
 * The studio's registry and the CLI's registry folder, both ways: export the studio's registry as a
 * folder (the zip path: Chromium's folder picker cannot be driven), register a version into it with
 * `modelbench registry register`, import it back, and find the new version with its lineage.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { test, expect } from './fixtures';

const cli = (...args: string[]) => execFileSync('node', ['src/cli/modelbench.mjs', ...args], { stdio: 'pipe', encoding: 'utf8' });
const train = (out: string, rounds: string) => cli('train', 'public/samples/breast-cancer.csv', '--target', 'diagnosis', '--model', 'gbdt', '--rounds', rounds, '--cv', '0', '--backend', 'cpu', '--quiet', '--out', out);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

test('a registry folder exported from the studio takes a CLI registration and imports back with its lineage', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'modelbench-e2e-registry-'));
  try {
    // The studio's first version: a CLI run imported as "cancer" v1.
    train(join(dir, 'cancer'), '20');
    const run = zipSync(Object.fromEntries(['run.json', 'trees.json'].map((n) => [`cancer/${n}`, new Uint8Array(readFileSync(join(dir, 'cancer', n)))])));
    await page.goto('./#models');
    await expect(page.getByTestId('registry-status')).toHaveAttribute('data-state', 'ready');
    await page.getByRole('tab', { name: 'Storage and workspace' }).click();
    await page.getByLabel('CLI run files or zip to import').setInputFiles({ name: 'cancer.zip', mimeType: 'application/zip', buffer: Buffer.from(run) });
    await expect(page.getByTestId('run-import-summary')).toContainText('Imported as cancer v1.');

    // Export: the zip holds one registry folder the CLI reads.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export registry folder as a zip' }).click();
    const exported = join(dir, 'exported.zip');
    await (await downloading).saveAs(exported);
    await expect(page.getByTestId('registry-folder-summary')).toContainText('cancer v1');
    for (const [path, bytes] of Object.entries(unzipSync(new Uint8Array(readFileSync(exported))))) {
      mkdirSync(dirname(join(dir, 'unzipped', path)), { recursive: true });
      writeFileSync(join(dir, 'unzipped', path), bytes);
    }
    const registry = join(dir, 'unzipped', 'modelbench-registry');
    expect(JSON.parse(cli('registry', 'list', '--registry', registry))).toMatchObject({ models: [{ name: 'cancer', versions: [1], aliases: {} }] });
    expect(JSON.parse(cli('registry', 'show', 'cancer@1', '--registry', registry))).toMatchObject({ intact: true, lineage: { source: 'studio cancer v1', data: { name: 'breast-cancer.csv' } } });

    // A pipeline registers a second model and makes it champion.
    train(join(dir, 'second'), '40');
    expect(JSON.parse(cli('registry', 'register', join(dir, 'second'), '--name', 'cancer', '--alias', 'champion', '--note', 'from the nightly pipeline', '--registry', registry))).toMatchObject({ registered: 'cancer@2' });

    // Import the folder back as a zip: v1 is recognised by its content, v2 arrives with its lineage.
    const back = zipSync(Object.fromEntries(filesUnder(registry).map((f) => [`modelbench-registry/${relative(registry, f).split('\\').join('/')}`, new Uint8Array(readFileSync(f))])));
    await page.getByLabel('Registry folder zip to import').setInputFiles({ name: 'registry.zip', mimeType: 'application/zip', buffer: Buffer.from(back) });
    const summary = page.getByTestId('registry-folder-summary');
    await expect(summary).toContainText('Imported from registry.zip: cancer v2.');
    await expect(summary).toContainText('1 version already here with the same content');
    await expect(summary).toContainText('Aliases set: champion → cancer v2.');

    await page.getByRole('tab', { name: 'Registered models' }).click();
    await page.getByRole('button', { name: 'cancer', exact: true }).click();
    const lineage = page.getByRole('list', { name: 'Lineage of cancer v2' });
    await expect(lineage).toContainText('breast-cancer.csv');
    await expect(lineage).toContainText('seed');
    await expect(lineage).toContainText('cancer v2');
    await expect(page.getByRole('textbox', { name: 'Notes' })).toHaveValue('from the nightly pipeline');

    // Importing the same folder again adds nothing.
    await page.getByRole('tab', { name: 'Storage and workspace' }).click();
    await page.getByLabel('Registry folder zip to import').setInputFiles({ name: 'registry.zip', mimeType: 'application/zip', buffer: Buffer.from(back) });
    await expect(page.getByTestId('registry-folder-summary')).toContainText('Nothing new in registry.zip.');
    await expect(page.getByTestId('registry-folder-summary')).toContainText('2 versions already here');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
