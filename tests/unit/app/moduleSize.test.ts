/**
 * The house's size rules (issue 14), checked rather than kept by discipline: small modules named
 * after what they export, and worker entries that only expose a core service.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const lineCount = (file: string) => readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').length;
const sources = (dir: string) =>
  readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && /\.(ts|svelte|mjs)$/.test(f.name) && !f.name.endsWith('.d.ts'))
    .map((f) => join(f.parentPath, f.name));

test('no source file is over 300 lines', () => {
  const long = [...sources('src'), ...sources('workers')].map((f) => ({ file: relative(ROOT, f), lines: lineCount(f) })).filter((f) => f.lines > 300);
  expect(long).toEqual([]);
});

test('every worker entry is under 40 lines: it only exposes a core service', () => {
  const entries = readdirSync(join(ROOT, 'workers')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  expect(entries.length).toBeGreaterThan(5);
  const long = entries.map((f) => ({ file: `workers/${f}`, lines: lineCount(join(ROOT, 'workers', f)) })).filter((f) => f.lines >= 40);
  expect(long).toEqual([]);
});
