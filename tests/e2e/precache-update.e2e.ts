import { cpSync, mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { build } from 'vite';
import { precacheEntries } from '../support/precache.mjs';

/**
 * An update downloads only what changed: two builds that differ in one file give precache lists
 * that differ in that file's revision alone, so the new service worker fetches that file and
 * keeps every other cached one (TF.js's WASM binaries included).
 */
test('a second build with one changed file changes only that file’s precache revision', async () => {
  test.setTimeout(300_000);
  const work = mkdtempSync(join(tmpdir(), 'mb-precache-'));
  const publicDir = join(work, 'public');
  cpSync('public', publicDir, { recursive: true });
  const manifestOf = async (name: string) => {
    const outDir = join(work, name);
    await build({ publicDir, logLevel: 'error', build: { outDir, emptyOutDir: true } });
    return new Map(precacheEntries(readFileSync(join(outDir, 'sw.js'), 'utf8')).map((e) => [e.url, e.revision] as const));
  };
  try {
    const first = await manifestOf('first');
    appendFileSync(join(publicDir, 'samples', 'README.md'), '\nOne more line in the second release.\n');
    const second = await manifestOf('second');
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    const changed = [...second].filter(([url, revision]) => first.get(url) !== revision).map(([url]) => url);
    expect(changed).toEqual(['samples/README.md']);
    expect([...first.keys()].some((url) => url.endsWith('.wasm'))).toBe(true);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
