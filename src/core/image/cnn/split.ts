import { createRng, shuffleInPlace } from '../../stats';

/** Image indices of each part of a stratified split. */
export interface ImageSplit {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/**
 * Splits per class, seeded: `testFraction` of each class to test, then `validationFraction` of the
 * rest to validation (at least one image of a class with two or more goes to test when asked for).
 * With `holdout` (a separate test set appended to the images), those images are the test part and
 * the others are split into training and validation only.
 */
export function splitImages(labels: Int32Array, classes: number, testFraction: number, validationFraction: number, seed: number, holdout?: Int32Array): ImageSplit {
  if (holdout) {
    const held = new Set(holdout);
    const rest = Int32Array.from(labels.keys()).filter((i) => !held.has(i));
    const inner = splitImages(Int32Array.from(rest, (i) => labels[i]), classes, 0, validationFraction, seed);
    return { train: inner.train.map((i) => rest[i]), validation: inner.validation.map((i) => rest[i]), test: Int32Array.from(holdout).sort() };
  }
  const rng = createRng(seed * 2654435761 + 17);
  const byClass = Array.from({ length: classes }, () => [] as number[]);
  labels.forEach((c, i) => byClass[c]?.push(i));
  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  for (const members of byClass) {
    const order = shuffleInPlace(Int32Array.from(members), rng);
    const nTest = members.length < 2 || testFraction === 0 ? 0 : Math.max(1, Math.round(members.length * testFraction));
    const rest = members.length - nTest;
    const nValid = validationFraction > 0 && rest >= 4 ? Math.max(1, Math.round(rest * validationFraction)) : 0;
    test.push(...order.subarray(0, nTest));
    validation.push(...order.subarray(nTest, nTest + nValid));
    train.push(...order.subarray(nTest + nValid));
  }
  const sorted = (a: number[]) => Int32Array.from(a).sort();
  return { train: sorted(train), validation: sorted(validation), test: sorted(test) };
}
