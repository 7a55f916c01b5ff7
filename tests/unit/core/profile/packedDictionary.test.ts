import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { packChunk, unpackDictionary } from '../../../../src/core/profile';

describe('packed dictionaries', () => {
  test('round-trip any strings, packed in chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), (dict, chunk) => {
        const lengths = new Uint32Array(dict.length);
        let text = '';
        for (let from = 0; from < dict.length; from += chunk) text += packChunk(dict, from, Math.min(dict.length, from + chunk), lengths);
        expect(unpackDictionary({ text, lengths })).toEqual(dict);
      }),
    );
  });
});
