const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** 32-bit finaliser of MurmurHash3: spreads every input bit over the output. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes a 32-bit word into a running hash (MurmurHash3 body step). */
export function mix32(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) >>> 0;
}

/** Hash of a double's bits; all NaNs hash alike and -0 hashes as 0. */
export function hashNumber(v: number, seed = 0): number {
  f64[0] = v !== v ? NaN : v === 0 ? 0 : v;
  return fmix32(mix32(mix32(seed, u32[0]), u32[1]));
}

/** FNV-1a-style 32-bit hash of a string's UTF-16 units, finalised with fmix32. */
export function hashString(s: string, seed = 0): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = mix32(h, s.charCodeAt(i));
  return fmix32(h ^ s.length);
}
