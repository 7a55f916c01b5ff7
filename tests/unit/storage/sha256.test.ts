import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Sha256 } from '../../../src/core/hash';
import { fingerprintBytes, sha256Hex } from '../../../src/storage';

const nodeHex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function* chunked(bytes: Uint8Array, sizes: number[]) {
  let at = 0;
  for (const s of sizes) {
    yield bytes.subarray(at, at + s);
    at += s;
  }
  yield bytes.subarray(at);
}

describe('fingerprintBytes', () => {
  test.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('FIPS 180-2 vector %j', async (text, expected) => {
    const bytes = new TextEncoder().encode(text);
    expect(await fingerprintBytes(bytes)).toBe(expected);
    expect(await fingerprintBytes(chunked(bytes, [1, 2]))).toBe(expected);
  });

  test('streamed chunks hash like node:crypto for any split', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(130), { maxLength: 8 }), async (bytes, sizes) => {
        expect(await fingerprintBytes(chunked(bytes, sizes))).toBe(nodeHex(bytes));
      }),
      { numRuns: 150 },
    );
  });

  test('sha256Hex of a 1 MB buffer matches the incremental hasher', async () => {
    const big = new Uint8Array(1 << 20).map((_, i) => (i * 31) & 255);
    expect(await sha256Hex(big)).toBe(new Sha256().update(big).hex());
    expect(await sha256Hex(big)).toBe(nodeHex(big));
  });
});
