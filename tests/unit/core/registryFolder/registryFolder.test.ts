import { describe, expect, test } from 'vitest';
import { auditLine, checkName, checkVersionFiles, emptyModel, fileHashes, parseVersionRef, readAuditLog, resolveRef, type VersionRecord } from '../../../../src/core/registryFolder';

describe('parseVersionRef', () => {
  test.each([
    ['churn', { name: 'churn', ref: null }],
    ['churn@3', { name: 'churn', ref: 3 }],
    ['churn@v12', { name: 'churn', ref: 12 }],
    ['churn@champion', { name: 'churn', ref: 'champion' }],
  ])('%s', (text, expected) => expect(parseVersionRef(text)).toEqual(expected));
  test.each([['../etc@1', /model name "\.\.\/etc"/], ['churn@', /alias ""/], ['a b', /model name "a b" must start/]])('refuses %s', (text, message) => {
    expect(() => parseVersionRef(text)).toThrow(message);
  });
  test('an alias cannot look like a version', () => expect(() => checkName('v2', 'alias')).toThrow(/looks like a version number/));
});

describe('resolveRef', () => {
  const model = { ...emptyModel('churn'), aliases: { champion: 2 } };
  test('numbers, aliases and the latest', () => {
    expect(resolveRef(model, [1, 2, 3], 2)).toBe(2);
    expect(resolveRef(model, [1, 2, 3], 'champion')).toBe(2);
    expect(resolveRef(model, [1, 2, 3], null)).toBe(3);
  });
  test('says what exists', () => {
    expect(() => resolveRef(model, [1, 2], 5)).toThrow(/"churn" has no version 5; it has 1, 2/);
    expect(() => resolveRef(model, [1, 2], 'staging')).toThrow(/no alias "staging"; its aliases are champion/);
    expect(() => resolveRef(model, [], null)).toThrow(/has no versions yet/);
  });
});

describe('version files', () => {
  test('changed, missing and unlisted files are reported', () => {
    const files = { 'bundle.zip': new Uint8Array([1, 2, 3]), 'run/run.json': new Uint8Array([4]) };
    const record = { name: 'churn', version: 1, files: fileHashes(files) } as VersionRecord;
    expect(checkVersionFiles(record, files)).toEqual([]);
    expect(checkVersionFiles(record, { 'bundle.zip': new Uint8Array([1, 2, 4]), extra: new Uint8Array() })).toEqual([
      'churn v1: bundle.zip does not match its SHA-256; it was changed after registration.',
      'churn v1: run/run.json is listed in version.json but missing.',
      'churn v1: extra is not listed in version.json.',
    ]);
  });
});

describe('audit log', () => {
  const entry = (version: number) => ({ at: '2026-01-01T00:00:00.000Z', by: 'ci', action: 'register' as const, model: 'churn', version });
  const log = [1, 2, 3].reduce((text, v) => text + auditLine(text, entry(v)), '');
  test('each line carries the hash of the one before', () => {
    const { entries, problems } = readAuditLog(log);
    expect(entries.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(entries[0].prev).toBe('');
    expect(entries[1].prev).toMatch(/^[0-9a-f]{64}$/);
    expect(problems).toEqual([]);
  });
  test('an edited or removed line breaks the chain where it happened', () => {
    const lines = log.split('\n');
    expect(readAuditLog([lines[0], lines[2], ''].join('\n')).problems).toEqual(['audit.ndjson line 2 does not follow line 1: a line before it was changed or removed.']);
    const edited = [lines[0].replace('"ci"', '"me"'), lines[1], lines[2]].join('\n');
    expect(readAuditLog(edited).problems).toEqual(['audit.ndjson line 2 does not follow line 1: a line before it was changed or removed.']);
    expect(readAuditLog(`${lines[0]}\n{oops\n`).problems).toEqual(['audit.ndjson line 2 is not JSON; the log was edited by hand or cut short.']);
  });
});
