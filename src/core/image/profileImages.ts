import type { SkippedFile } from './imageLayout';
import type { ImageDataset } from './loadImages';
import { exactDuplicates, nearDuplicates, NEAR_DUPLICATE_BITS, type DuplicateGroup, type NearDuplicate } from './findDuplicates';

/** Counts over equal-width bins from `min` to `max` (values outside land in the end bins). */
export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

/** The image profile shown in Explore's Images section and printed by `modelbench profile <folder>`. */
export interface ImageProfile {
  name: string;
  /** Readable images (the dataset's rows). */
  images: number;
  /** Images per class, in label order. */
  classes: { name: string; count: number }[];
  /** Largest class count over the smallest (1 = balanced). */
  imbalance: number;
  /** Distinct sizes, most common first, at most 10. */
  sizes: { width: number; height: number; count: number }[];
  /** How many distinct sizes there are in all. */
  distinctSizes: number;
  width: { min: number; max: number };
  height: { min: number; max: number };
  /** Images wider than tall, square, and taller than wide. */
  aspect: { landscape: number; square: number; portrait: number; min: number; max: number };
  /** Grey images (red = green = blue everywhere), colour ones, and those with transparency. */
  channels: { grey: number; colour: number; alpha: number };
  /** Mean luma per image, 0–255, in 16 bins. */
  brightness: Histogram;
  /** RMS contrast per image, 0–128, in 16 bins. */
  contrast: Histogram;
  /** Per class: mean brightness and contrast, to spot a class told apart by its lighting. */
  lighting: { name: string; brightness: number; contrast: number }[];
  exactDuplicates: (Omit<DuplicateGroup, 'images'> & { names: string[] })[];
  nearDuplicates: (Omit<NearDuplicate, 'a' | 'b'> & { names: [string, string] })[];
  /** Bits of 256 up to which two images are called near duplicates. */
  nearDuplicateBits: number;
  /** Images whose duplicate (exact or near) sits in another class: likely label noise. */
  labelNoise: number;
  unreadable: SkippedFile[];
  skipped: SkippedFile[];
}

/** Profiles an opened image dataset; pure and deterministic. */
export function profileImages(dataset: ImageDataset): ImageProfile {
  const { images, set } = dataset;
  const counts = set.classNames.map((name, k) => ({ name, count: images.filter((im) => im.label === k).length }));
  const nonEmpty = counts.map((c) => c.count).filter((c) => c > 0);
  const sizes = new Map<string, { width: number; height: number; count: number }>();
  for (const im of images) {
    const key = `${im.width}x${im.height}`;
    const s = sizes.get(key) ?? { width: im.width, height: im.height, count: 0 };
    s.count++;
    sizes.set(key, s);
  }
  const ratios = images.map((im) => im.width / im.height);
  const exact = exactDuplicates(images);
  const near = nearDuplicates(images);
  const noisy = new Set<number>();
  for (const g of exact) if (g.acrossClasses) g.images.forEach((i) => noisy.add(i));
  for (const p of near) if (p.acrossClasses) [p.a, p.b].forEach((i) => noisy.add(i));
  const mean = (k: number, f: (i: (typeof images)[number]) => number) => {
    const of = images.filter((im) => im.label === k);
    return of.length ? of.reduce((s, im) => s + f(im), 0) / of.length : 0;
  };
  return {
    name: dataset.name,
    images: images.length,
    classes: counts,
    imbalance: nonEmpty.length ? Math.max(...nonEmpty) / Math.min(...nonEmpty) : 1,
    sizes: [...sizes.values()].sort((a, b) => b.count - a.count || a.width - b.width || a.height - b.height).slice(0, 10),
    distinctSizes: sizes.size,
    width: range(images.map((im) => im.width)),
    height: range(images.map((im) => im.height)),
    aspect: {
      landscape: ratios.filter((r) => r > 1.05).length,
      square: ratios.filter((r) => r >= 1 / 1.05 && r <= 1.05).length,
      portrait: ratios.filter((r) => r < 1 / 1.05).length,
      ...range(ratios),
    },
    channels: { grey: images.filter((im) => im.grey).length, colour: images.filter((im) => !im.grey).length, alpha: images.filter((im) => im.alpha).length },
    brightness: histogram(images.map((im) => im.brightness), 0, 255, 16),
    contrast: histogram(images.map((im) => im.contrast), 0, 128, 16),
    lighting: set.classNames.map((name, k) => ({ name, brightness: mean(k, (im) => im.brightness), contrast: mean(k, (im) => im.contrast) })),
    exactDuplicates: exact.map((g) => ({ acrossClasses: g.acrossClasses, names: g.images.map((i) => images[i].name) })),
    nearDuplicates: near.map((p) => ({ distance: p.distance, acrossClasses: p.acrossClasses, names: [images[p.a].name, images[p.b].name] })),
    nearDuplicateBits: NEAR_DUPLICATE_BITS,
    labelNoise: noisy.size,
    unreadable: dataset.unreadable,
    skipped: dataset.skipped,
  };
}

function range(values: number[]): { min: number; max: number } {
  let min = Infinity, max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

function histogram(values: number[], min: number, max: number, bins: number): Histogram {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor(((v - min) / (max - min)) * bins)))]++;
  return { min, max, counts };
}
