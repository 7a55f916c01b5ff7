/** `modelbench registry` on a folder: register, alias, tag, show, history, the lock, and two writers at once. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { registryCommand } from '../../../src/cli/registry';
import { withRegistryLock, RegistryLockedError } from '../../../src/cli/registryFiles';
import { readVersion, verifyVersion, versionNumbers } from '../../../src/cli/registryStore';
import { gateCommand } from '../../../src/cli/gate';
import { readAuditLog } from '../../../src/core/registryFolder';
import { gateFiles } from './gateFixtures';

let dir: string;
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
const error = vi.spyOn(console, 'error').mockImplementation(() => {});
const at = (name: string) => join(dir, name);
const printed = () => log.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelbench-registry-cli-'));
  await gateFiles(dir);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  log.mockRestore();
  error.mockRestore();
});

/** Every version whole and matching its hashes, the audit chain unbroken, no lock or half-written version left. */
async function expectSound(registry: string): Promise<number[]> {
  const versions = await versionNumbers(registry, 'churn');
  expect(versions).toEqual(versions.map((_, i) => i + 1));
  for (const v of versions) expect(await verifyVersion(registry, await readVersion(registry, 'churn', v))).toEqual([]);
  const audit = readAuditLog(await readFile(join(registry, 'audit.ndjson'), 'utf8'));
  expect(audit.problems).toEqual([]);
  expect(audit.entries.filter((e) => e.action === 'register').map((e) => e.version).sort()).toEqual(versions);
  expect(await readdir(registry)).not.toContain('.lock');
  expect((await readdir(join(registry, 'models/churn/versions'))).filter((n) => n.startsWith('.'))).toEqual([]);
  return versions;
}

describe('modelbench registry', () => {
  test('registers, moves aliases, tags, shows and keeps the history', async () => {
    const reg = at('reg');
    expect(await registryCommand(['register', at('prior.zip'), '--name', 'churn', '--alias', 'champion', '--registry', reg])).toBe(0);
    expect(await registryCommand(['register', at('logistic.zip'), '--name', 'churn', '--tag', 'team=risk', '--note', 'logistic on x1, x2, seg', '--registry', reg])).toBe(0);
    expect(await registryCommand(['alias', 'churn@2', 'champion', '--registry', reg])).toBe(0);
    expect(await registryCommand(['tag', 'churn@champion', 'reviewed=yes', '--registry', reg])).toBe(0);
    log.mockClear();
    expect(await registryCommand(['show', 'churn@champion', '--registry', reg])).toBe(0);
    expect(printed()[0]).toMatchObject({ name: 'churn', version: 2, aliases: ['champion'], tags: { team: 'risk', reviewed: 'yes' }, note: 'logistic on x1, x2, seg', intact: true, task: 'binary', target: 'y' });
    log.mockClear();
    expect(await registryCommand(['list', '--registry', reg])).toBe(0);
    expect(printed()[0]).toMatchObject({ models: [{ name: 'churn', versions: [1, 2], aliases: { champion: 2 } }] });
    log.mockClear();
    expect(await registryCommand(['history', 'churn', '--registry', reg])).toBe(0);
    expect(printed().map((e) => [e.action, e.version, e.alias ?? null, e.from ?? null])).toEqual([
      ['register', 1, null, null], ['alias', 1, 'champion', null], ['register', 2, null, null], ['tag', 2, null, null], ['note', 2, null, null], ['alias', 2, 'champion', 1], ['tag', 2, null, null],
    ]);
    await expectSound(reg);
    // A gate can name registry versions.
    expect(await gateCommand(['--registry', reg, '--champion', 'churn@1', '--challenger', 'churn@champion', '--test', at('test.csv')])).toBe(0);
  }, 60_000);

  test('refuses the same bundle twice, a changed bundle, and bad names, saying what to do', async () => {
    const reg = at('reg-refuse');
    await registryCommand(['register', at('prior.zip'), '--name', 'churn', '--registry', reg]);
    await expect(registryCommand(['register', at('prior.zip'), '--name', 'churn', '--registry', reg])).rejects.toThrow(/already registered as churn v1 \(same SHA-256\)/);
    await expect(registryCommand(['register', at('prior.zip'), '--name', '../x', '--registry', reg])).rejects.toThrow(/model name "\.\.\/x" must start/);
    await expect(registryCommand(['alias', 'churn@7', 'champion', '--registry', reg])).rejects.toThrow(/"churn" has no version 7; it has 1/);
    await expect(registryCommand(['list', '--registry', at('train.csv')])).rejects.toThrow(/is not a registry folder/);
    await expect(registryCommand(['register', at('prior.zip'), '--name', 'churn', '--registry', at('train.csv')])).rejects.toThrow(/is a file, not a folder/);
    await expect(registryCommand(['wat', '--registry', reg])).rejects.toThrow(/Unknown registry command "wat"/);
    await writeFile(join(reg, 'models/churn/versions/1/bundle.zip'), 'tampered');
    await expect(gateCommand(['--registry', reg, '--champion', 'churn@1', '--challenger', at('logistic.zip'), '--test', at('test.csv')])).resolves.toBe(2);
    expect(String(error.mock.calls.at(-1)?.[0])).toMatch(/bundle\.zip does not match the SHA-256 in its version\.json/);
  }, 60_000);

  test('a held lock makes a second writer wait, then say who holds it', async () => {
    const reg = at('reg-lock');
    await registryCommand(['register', at('prior.zip'), '--name', 'churn', '--registry', reg]);
    let release: (() => void) | null = null;
    const held = withRegistryLock(reg, () => new Promise<void>((r) => (release = r)));
    // The first writer holds the lock once its callback runs: wait for that, not for a time.
    await vi.waitFor(() => expect(release).not.toBeNull(), { timeout: 30_000, interval: 10 });
    const second = withRegistryLock(reg, async () => 'ran', 300);
    await expect(second).rejects.toThrow(RegistryLockedError);
    await expect(withRegistryLock(reg, async () => 'ran', 300)).rejects.toThrow(new RegExp(`locked by process ${process.pid} on .*Try again when it finishes`));
    release!();
    await held;
    await expect(withRegistryLock(reg, async () => 'ran')).resolves.toBe('ran');
  });

  test('two concurrent register processes both land or one reports the lock; the folder stays sound', async () => {
    const reg = at('reg-race');
    const register = (bundle: string) =>
      promisify(execFile)(process.execPath, ['src/cli/modelbench.mjs', 'registry', 'register', at(bundle), '--name', 'churn', '--alias', 'champion', '--registry', reg]).then(
        (r) => ({ code: 0, err: r.stderr }),
        (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr }),
      );
    const results = await Promise.all([register('prior.zip'), register('logistic.zip')]);
    for (const r of results) if (r.code !== 0) expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/The registry .* is locked by/) });
    const landed = results.filter((r) => r.code === 0).length;
    expect(landed).toBeGreaterThanOrEqual(1);
    expect(await expectSound(reg)).toHaveLength(landed);
  }, 60_000);
});
