import { describe, expect, test } from 'vitest';
import { auditLine, fileHashes, folderView, folderWrites, planMerge, readAuditLog, readRegistryFiles, type VersionRecord } from '../../../../src/core/registryFolder';

const bytes = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => bytes(JSON.stringify(value));

function version(v: number, bundle: string): { record: VersionRecord; files: Record<string, Uint8Array> } {
  const files = { 'bundle.zip': bytes(bundle) };
  return { files, record: { name: 'churn', version: v, createdAt: '2026-12-01T00:00:00.000Z', by: 'ci', contentHash: `hash-${bundle}`, files: fileHashes(files), task: 'binary', target: 'y', metrics: {}, lineage: { source: 'run directory r' } } };
}

/** A folder as the CLI writes it, inside a zip's top folder. */
function folder(prefix: string) {
  const v1 = version(1, 'one');
  const v2 = version(2, 'two');
  let log = auditLine('', { at: 'a', action: 'register', by: 'ci', model: 'churn', version: 1 });
  log += auditLine(log, { at: 'b', action: 'register', by: 'ci', model: 'churn', version: 2 });
  return {
    [`${prefix}registry.json`]: json({ format: 'modelbench-registry/1' }),
    [`${prefix}audit.ndjson`]: bytes(log),
    [`${prefix}models/churn/model.json`]: json({ name: 'churn', aliases: { champion: 2 }, tags: { 2: { team: 'risk' } }, notes: {} }),
    ...Object.fromEntries([v1, v2].flatMap(({ record, files }) => [[`${prefix}models/churn/versions/${record.version}/version.json`, json(record)], ...Object.entries(files).map(([p, b]) => [`${prefix}models/churn/versions/${record.version}/${p}`, b])])),
  };
}

describe('readRegistryFiles', () => {
  test('reads a folder at the top or inside a zip, with its view for merging', () => {
    for (const prefix of ['', 'registry/']) {
      const contents = readRegistryFiles(folder(prefix), 'the zip');
      expect(contents.problems).toEqual([]);
      expect(contents.entries).toHaveLength(2);
      expect(folderView(contents)).toEqual([{ name: 'churn', lastVersion: 2, versions: [{ version: 1, contentHash: 'hash-one' }, { version: 2, contentHash: 'hash-two' }], aliases: { champion: 2 }, tags: { 2: { team: 'risk' } }, notes: {} }]);
    }
  });

  test('a changed bundle or a moved version is left out with the reason; a broken log is reported', () => {
    const files = folder('');
    files['models/churn/versions/1/bundle.zip'] = bytes('changed');
    files['models/churn/versions/3/version.json'] = files['models/churn/versions/2/version.json'];
    files['audit.ndjson'] = bytes(new TextDecoder().decode(files['audit.ndjson']).split('\n').slice(1).join('\n'));
    const contents = readRegistryFiles(files, 'the folder');
    expect(contents.models[0].versions.map((v) => v.record.version)).toEqual([2]);
    expect(contents.problems).toEqual([
      'churn v1 was left out: bundle.zip does not match its SHA-256; it was changed after registration.',
      'models/churn/versions/3/version.json describes churn v2, not churn v3, so it was left out; the folder was moved by hand.',
      'audit.ndjson line 1 does not follow line 0: a line before it was changed or removed.',
    ]);
  });

  test('refuses what is not a registry folder, saying what to choose', () => {
    expect(() => readRegistryFiles({ 'a/b/registry.json': json({}) }, 'The zip "x.zip"')).toThrow('The zip "x.zip" is not a registry folder: it has no registry.json at its top.');
    expect(() => readRegistryFiles({ 'registry.json': json({ format: 'other/2' }) }, 'The folder "r"')).toThrow('The folder "r": registry.json says "other/2", not modelbench-registry/1');
  });
});

describe('folderWrites', () => {
  test('appends hash-chained lines and writes only what changed', () => {
    const existing = readRegistryFiles(folder(''), 'the folder');
    const incoming = [{ name: 'churn', lastVersion: 2, versions: [{ version: 1, contentHash: 'hash-one' }, { version: 2, contentHash: 'hash-new' }], aliases: { staging: 2 }, tags: {}, notes: { 2: 'from the studio' } }];
    const plan = planMerge(folderView(existing), incoming, { numbering: 'keep', conflicts: 'keep' });
    const added = version(3, 'new');
    const writes = folderWrites(existing, plan, [{ ...added, history: [{ action: 'register' }] }], '2026-12-06T00:00:00.000Z', 'modelbench studio');
    expect(Object.keys(writes).sort()).toEqual(['audit.ndjson', 'models/churn/model.json', 'models/churn/versions/3/bundle.zip', 'models/churn/versions/3/version.json']);
    const log = readAuditLog(new TextDecoder().decode(writes['audit.ndjson']));
    expect(log.problems).toEqual([]);
    expect(log.entries.map((e) => [e.action, e.version, e.by])).toEqual([['register', 1, 'ci'], ['register', 2, 'ci'], ['register', 3, 'modelbench studio'], ['note', 3, 'modelbench studio'], ['alias', 3, 'modelbench studio']]);
    expect(JSON.parse(new TextDecoder().decode(writes['models/churn/model.json']))).toEqual({ name: 'churn', aliases: { champion: 2, staging: 3 }, tags: { 2: { team: 'risk' } }, notes: { 3: 'from the studio' } });
  });
});
