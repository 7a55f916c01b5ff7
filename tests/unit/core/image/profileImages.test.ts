import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeImageBytes, loadImages, profileImages, zipEntries, type ImageDataset, type ImageProfile } from '../../../../src/core/image';

// tests/fixtures/images/make-shapes.mjs plants the duplicates, the label noise and the corrupt file checked here.
let dataset: ImageDataset;
let profile: ImageProfile;
beforeAll(async () => {
  dataset = await loadImages(zipEntries(readFileSync('tests/fixtures/images/shapes.zip')), 'shapes.zip', decodeImageBytes);
  profile = profileImages(dataset);
});

describe('profileImages on the shapes fixture', () => {
  test('counts the images per class and their imbalance', () => {
    expect(profile.classes).toEqual([{ name: 'circle', count: 102 }, { name: 'square', count: 102 }, { name: 'triangle', count: 101 }]);
    expect(profile.images).toBe(305);
    expect(profile.imbalance).toBeCloseTo(102 / 101, 10);
  });

  test('describes sizes, aspect and channels', () => {
    expect(profile.sizes).toEqual([{ width: 32, height: 32, count: 305 }]);
    expect(profile.aspect).toMatchObject({ square: 305, landscape: 0, portrait: 0 });
    expect(profile.channels).toEqual({ grey: 0, colour: 305, alpha: 0 });
    expect(profile.brightness.counts.reduce((a, b) => a + b)).toBe(305);
    expect(profile.contrast.counts.reduce((a, b) => a + b)).toBe(305);
  });

  test('lists the corrupt file with its reason and leaves it out', () => {
    expect(profile.unreadable).toEqual([{ path: 'shapes/triangle/broken.png', reason: 'it is cut short (the IDAT chunk runs past the end of the file)' }]);
    expect(dataset.set.names).not.toContain('shapes/triangle/broken.png');
  });

  test('finds the planted exact duplicates and flags the one across classes', () => {
    expect(profile.exactDuplicates).toEqual([
      { acrossClasses: false, names: ['shapes/circle/000.png', 'shapes/circle/dup-a.png'] },
      { acrossClasses: false, names: ['shapes/square/000.png', 'shapes/square/dup-b.png'] },
      { acrossClasses: true, names: ['shapes/square/odd-one.png', 'shapes/triangle/005.png'] },
      { acrossClasses: false, names: ['shapes/triangle/000.png', 'shapes/triangle/dup-c.png'] },
    ]);
    expect(profile.labelNoise).toBe(2);
  });

  test('finds the planted near duplicate by perceptual hash, and only lookalikes within a class', () => {
    const pairs = profile.nearDuplicates.map((p) => p.names.join(' ~ '));
    expect(pairs).toContain('shapes/circle/001.png ~ shapes/circle/near-001.png');
    expect(pairs).toHaveLength(3);
    expect(profile.nearDuplicates.every((p) => !p.acrossClasses && p.distance <= profile.nearDuplicateBits)).toBe(true);
  });

  test('builds the set at the chosen size and channels', async () => {
    const small = await loadImages(zipEntries(readFileSync('tests/fixtures/images/shapes.zip')), 'shapes.zip', decodeImageBytes, { size: 8, channels: 1 });
    expect(small.set).toMatchObject({ width: 8, height: 8, channels: 1, classNames: ['circle', 'square', 'triangle'] });
    expect(small.set.pixels.length).toBe(305 * 64);
    expect(small.set.labels.length).toBe(305);
  });
});
