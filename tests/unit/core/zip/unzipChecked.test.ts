import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ZIP_LIMITS, ZipError, unzipChecked } from '../../../../src/core/zip';
import { verifyBundle } from '../../../../src/core/deploy';
import { lyingZipBomb, zipBomb } from '../../../fixtures/hostile/hostile';

const KIND = { what: 'bundle', redo: 'export the bundle again with Modelbench' };

/** Sets the declared uncompressed size of the first entry, in both headers, as a forger would. */
function declareSize(bytes: Uint8Array, size: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const cd = view.getUint32(copy.length - 22 + 16, true);
  view.setUint32(cd + 24, size, true);
  view.setUint32(22, size, true);
  return copy;
}

describe('unzipChecked: a user zip is checked before it is inflated', () => {
  test('a sound zip comes back whole', () => {
    const files = unzipChecked(zipSync({ 'a.txt': strToU8('hello'), 'b/c.json': strToU8('{}') }), KIND);
    expect(Object.keys(files).sort()).toEqual(['a.txt', 'b/c.json']);
  });

  test('an entry declaring a ratio past the limit is refused as a zip bomb, naming it', () => {
    const bomb = declareSize(zipSync({ 'model.bin': new Uint8Array(64 * 1024) }, { level: 9 }), 1_500_000_000);
    expect(() => unzipChecked(bomb, KIND)).toThrowError(ZipError);
    expect(() => unzipChecked(bomb, KIND)).toThrow(/This bundle cannot be imported: "model\.bin" declares 1500000000 bytes .* zip bomb\. Nothing was changed; export the bundle again/);
  });

  test('a total-size limit refuses from the declared sizes alone', () => {
    expect(() => unzipChecked(zipBomb(20).bytes, KIND, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 10 * 1024 * 1024 })).toThrow(/declare more than 10485760 bytes uncompressed/);
  });

  test('a path that climbs out of the folder is refused', () => {
    expect(() => unzipChecked(zipSync({ '../evil.sh': strToU8('x') }), KIND)).toThrow(/"\.\.\/evil\.sh", which is not a plain relative path/);
  });

  test('headers that understate the size stop the inflation there (20 MB of zeros come back as their declared few KB)', () => {
    const bomb = lyingZipBomb(20).bytes;
    const files = unzipChecked(bomb, KIND);
    expect(files['manifest.json'].length).toBeLessThan(bomb.length);
  });
});

describe('verifyBundle (every CLI bundle import: score, compare, gate, serve, registry, ab) applies the same checks', () => {
  test('a zip bomb is reported as a problem, not inflated', () => {
    const bomb = declareSize(zipSync({ 'manifest.json': new Uint8Array(64 * 1024) }, { level: 9 }), 1_500_000_000);
    const check = verifyBundle(bomb);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([expect.stringMatching(/^This bundle cannot be imported: .*zip bomb/)]);
  });

  test('an entry with an unsafe name is reported', () => {
    const check = verifyBundle(zipSync({ 'manifest.json': strToU8('{}'), '/etc/passwd': strToU8('x') }));
    expect(check.problems[0]).toMatch(/not a plain relative path/);
  });
});
