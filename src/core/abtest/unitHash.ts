import { fmix32, mix32 } from '../stats';

/**
 * MurmurHash3 (x86, 32-bit) over the sketches' body and finaliser steps, which are passed in.
 * emitRouterModule ships this function (and the two steps) into router.mjs with
 * `Function.prototype.toString()`, so assignment is the same in the studio, in Node and in the
 * bundle; it reads only its arguments and built-ins.
 */
export function unitHasher(mix: typeof mix32, finalise: typeof fmix32) {
  /** MurmurHash3 of the UTF-8 bytes of `text`. */
  function murmur3(text: string, seed = 0): number {
    const bytes = new TextEncoder().encode(text);
    const n = bytes.length;
    const blocks = n & ~3;
    let h = seed >>> 0;
    for (let i = 0; i < blocks; i += 4) h = mix(h, bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    let k = 0;
    const tail = n & 3;
    if (tail === 3) k ^= bytes[blocks + 2] << 16;
    if (tail >= 2) k ^= bytes[blocks + 1] << 8;
    if (tail >= 1) {
      k ^= bytes[blocks];
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, 0x1b873593);
    }
    return finalise(h ^ n);
  }
  /**
   * Where a unit falls on the traffic line [0, 1): murmur3 of `salt + "\u0000" + unitId` over 2³².
   * A new salt re-randomizes every unit (a fresh experiment); the same salt keeps assignments stable.
   */
  function unitPosition(unitId: string, salt: string): number {
    return murmur3(salt + '\u0000' + unitId) / 4294967296;
  }
  return { murmur3, unitPosition };
}

const hasher = unitHasher(mix32, fmix32);
export const murmur3 = hasher.murmur3;
export const unitPosition = hasher.unitPosition;
