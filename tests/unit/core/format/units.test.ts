import { describe, expect, test } from 'vitest';
import { formatMs } from '../../../../src/core/format';

describe('formatMs', () => {
  test.each([
    [85.4, '85 ms'],
    [1250, '1.25 s'],
    [59_990, '59.99 s'],
    [59_996, '1 min 0 s'],
    [104_586, '1 min 45 s'],
    [3_725_000, '62 min 5 s'],
  ])('%s ms reads "%s"', (ms, words) => {
    expect(formatMs(ms)).toBe(words);
  });
});
