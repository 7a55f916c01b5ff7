import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { parseProfileArgs, profileCommand } from '../../../../src/cli/profile';

const sample = (f: string) => join(__dirname, '../../../../public/samples', f);

describe('modelbench profile', () => {
  test('parseProfileArgs validates flags', () => {
    expect(parseProfileArgs(['a.csv', '--target', 'y', '--out', 'r.json', '--stream'])).toEqual({ file: 'a.csv', target: 'y', out: 'r.json', stream: true });
    expect(() => parseProfileArgs(['--out', 'r.json'])).toThrow(/No input file/);
    expect(() => parseProfileArgs(['a.csv', '--bogus'])).toThrow(/Unknown flag "--bogus"/);
    expect(() => parseProfileArgs(['a.csv', '--target'])).toThrow(/--target needs a value/);
  });

  test('writes JSON and HTML reports for a sample with a target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-profile-'));
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const code = await profileCommand([sample('penguins.json'), '--target', 'Species', '--out', join(dir, 'r.json'), '--html', join(dir, 'r.html')]);
    err.mockRestore();
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.dataset.rows).toBe(344);
    expect(report.dataset.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report.target.name).toBe('Species');
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('<h1>Profile of');
  });

  test('--stream gives the approximate report; a wrong target is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-profile-'));
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await profileCommand([sample('seattle-weather.csv'), '--stream', '--out', join(dir, 's.json')])).toBe(0);
    expect(await profileCommand([sample('cars.json'), '--target', 'nope', '--out', join(dir, 'x.json')])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toMatch(/--target "nope" is not a column/);
    err.mockRestore();
    const report = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'));
    expect(report.dataset.approximate).toBe(true);
    expect(report.dataset.rows).toBe(1461);
  });
});
