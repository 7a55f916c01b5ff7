import type { ImageInfo } from './imageStats';
import { popcount } from './perceptualHash';

/** Images with identical pixels. `acrossClasses`: they carry different labels, so at least one label is likely wrong. */
export interface DuplicateGroup {
  /** Indices into the profiled images. */
  images: number[];
  acrossClasses: boolean;
}

/** Two images that look alike without being identical. */
export interface NearDuplicate {
  a: number;
  b: number;
  /** Hash bits that differ, out of 256. */
  distance: number;
  acrossClasses: boolean;
}

/** Largest perceptual-hash distance (of 256 bits) still called a near duplicate: about 6 %. */
export const NEAR_DUPLICATE_BITS = 16;

/** Groups images with the same pixel digest; groups of one are left out. */
export function exactDuplicates(images: ImageInfo[]): DuplicateGroup[] {
  const groups = new Map<string, number[]>();
  images.forEach((im, i) => groups.set(im.digest, [...(groups.get(im.digest) ?? []), i]));
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => ({ images: g, acrossClasses: new Set(g.map((i) => images[i].label)).size > 1 }));
}

/**
 * Pairs of images whose perceptual hashes differ in at most `maxBits` bits, leaving out exact
 * duplicates (already grouped). Compares every pair: 10,000 images take about a second.
 */
export function nearDuplicates(images: ImageInfo[], maxBits = NEAR_DUPLICATE_BITS): NearDuplicate[] {
  const words = images[0]?.hash.length ?? 0;
  const hashes = new Uint32Array(images.length * words);
  images.forEach((im, i) => hashes.set(im.hash, i * words));
  const out: NearDuplicate[] = [];
  for (let a = 0; a < images.length; a++) {
    for (let b = a + 1; b < images.length; b++) {
      let d = 0;
      for (let w = 0; w < words && d <= maxBits; w++) d += popcount(hashes[a * words + w] ^ hashes[b * words + w]);
      if (d <= maxBits && images[a].digest !== images[b].digest) out.push({ a, b, distance: d, acrossClasses: images[a].label !== images[b].label });
    }
  }
  return out.sort((x, y) => x.distance - y.distance || x.a - y.a || x.b - y.b);
}
