/** `modelbench train <image folder>` with numbered class folders: the classes stay names, not numbers. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { trainCommand } from '../../../src/cli/train';
import { encodePng } from '../core/image/pngFixture';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-image-classes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Twelve classes numbered as MNIST's folders are; each a flat grey level with a little noise.
const classes = Array.from({ length: 12 }, (_, i) => String(i));
const folder = join(dir, 'numbered');
classes.forEach((name, c) => {
  mkdirSync(join(folder, name), { recursive: true });
  for (let k = 0; k < 8; k++) {
    const rows = Array.from({ length: 8 }, (_, y) => Array.from({ length: 8 }, (_, x) => (c * 20 + ((x * 7 + y * 3 + k * 5) % 9)) & 255));
    writeFileSync(join(folder, name, `${k}.png`), encodePng({ width: 8, height: 8, colour: 0, depth: 8, rows }));
  }
});

test('numbered class folders train a classifier over the folder names, not a regression on numbers', async () => {
  const out = join(dir, 'run');
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    expect(await trainCommand([folder, '--model', 'logistic', '--backend', 'cpu', '--cv', '0', '--quiet', '--out', out])).toBe(0);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  expect(run.recipe.task).toBe('multiclass');
  expect(JSON.stringify(run)).toContain(`"classes":${JSON.stringify([...classes].sort())}`);
});
