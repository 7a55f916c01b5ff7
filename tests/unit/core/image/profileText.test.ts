import { expect, test } from 'vitest';
import { pixelRange } from '../../../../src/core/image';

test('pixel ranges read as one size when every image agrees, with thousands separators', () => {
  expect(pixelRange({ min: 32, max: 32 })).toBe('32 px');
  expect(pixelRange({ min: 24, max: 1024 })).toBe('24–1,024 px');
});
