/**
 * A zlib inflater (RFC 1950 around RFC 1951) with no imports and no helpers outside its own body,
 * so scorer.mjs can ship it with `Function.prototype.toString()` and read PNGs without a package.
 * Why not a library or the platform: fflate cannot be emitted as one self-contained function, and
 * `DecompressionStream` (Node 18+, browsers) is asynchronous only, while `classify` stays synchronous
 * like the table scorer's `predictOne`. Decodes canonical Huffman codes a bit at a time (as zlib's
 * puff.c): small and plain, fast enough for the images one scores, slower than fflate, which the
 * studio and the CLI keep using.
 */

/**
 * Inflates zlib `data` into `size` bytes at most (the length PNG's header promises) and returns the
 * bytes written. Throws an Error whose message says what is wrong; the Adler-32 checksum is not checked.
 */
export function inflate(data: Uint8Array, size: number): Uint8Array {
  const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
  const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
  interface Huffman {
    count: Int16Array;
    symbol: Int16Array;
  }

  if (data.length < 2 || (data[0] & 15) !== 8 || ((data[0] << 8) | data[1]) % 31 !== 0) throw new Error('the zlib header is not valid');
  if (data[1] & 32) throw new Error('the compressed data needs a preset dictionary');
  const out = new Uint8Array(size);
  let at = 0;
  let pos = 2;
  let buffer = 0;
  let held = 0;

  function bits(need: number): number {
    let value = buffer;
    while (held < need) {
      if (pos >= data.length) throw new Error('the compressed data ends early');
      value |= data[pos++] << held;
      held += 8;
    }
    buffer = value >>> need;
    held -= need;
    return value & ((1 << need) - 1);
  }

  /** Canonical code from code lengths; an over-subscribed set of lengths is not a code. */
  function huffman(lengths: ArrayLike<number>, from: number, n: number): Huffman {
    const count = new Int16Array(16);
    const symbol = new Int16Array(n);
    for (let s = 0; s < n; s++) count[lengths[from + s]]++;
    let left = 1;
    for (let len = 1; len < 16; len++) {
      left = (left << 1) - count[len];
      if (left < 0) throw new Error('the compressed data has an invalid code table');
    }
    const offsets = new Int16Array(16);
    for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len] + count[len];
    for (let s = 0; s < n; s++) if (lengths[from + s] !== 0) symbol[offsets[lengths[from + s]]++] = s;
    return { count, symbol };
  }

  function decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.count[len];
      if (code - count < first) return h.symbol[index + (code - first)];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new Error('the compressed data has an invalid code');
  }

  function put(byte: number) {
    if (at >= size) throw new Error('the compressed data inflates to more bytes than the image holds');
    out[at++] = byte;
  }

  function codes(lengths: Huffman, distances: Huffman) {
    for (;;) {
      const symbol = decode(lengths);
      if (symbol < 256) put(symbol);
      else if (symbol === 256) return;
      else {
        const l = symbol - 257;
        if (l >= 29) throw new Error('the compressed data has an invalid length');
        const length = LENGTH_BASE[l] + bits(LENGTH_EXTRA[l]);
        const d = decode(distances);
        if (d >= 30) throw new Error('the compressed data has an invalid distance');
        const distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
        if (distance > at) throw new Error('the compressed data refers back before its start');
        for (let i = 0; i < length; i++) put(out[at - distance]);
      }
    }
  }

  let fixed: [Huffman, Huffman] | null = null;
  let last = 0;
  while (!last) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      buffer = 0;
      held = 0;
      if (pos + 4 > data.length) throw new Error('the compressed data ends early');
      const length = data[pos] | (data[pos + 1] << 8);
      if ((length ^ 0xffff) !== (data[pos + 2] | (data[pos + 3] << 8))) throw new Error('a stored block has a damaged length');
      pos += 4;
      if (pos + length > data.length) throw new Error('the compressed data ends early');
      for (let i = 0; i < length; i++) put(data[pos++]);
    } else if (type === 1) {
      if (!fixed) {
        const lengths = new Uint8Array(288 + 30);
        lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288).fill(5, 288);
        fixed = [huffman(lengths, 0, 288), huffman(lengths, 288, 30)];
      }
      codes(fixed[0], fixed[1]);
    } else if (type === 2) {
      const nlen = bits(5) + 257;
      const ndist = bits(5) + 1;
      const ncode = bits(4) + 4;
      const codeLengths = new Uint8Array(19);
      for (let i = 0; i < ncode; i++) codeLengths[ORDER[i]] = bits(3);
      const lencode = huffman(codeLengths, 0, 19);
      const lengths = new Uint8Array(nlen + ndist);
      for (let i = 0; i < nlen + ndist; ) {
        const symbol = decode(lencode);
        if (symbol < 16) lengths[i++] = symbol;
        else {
          if (symbol === 16 && i === 0) throw new Error('the compressed data repeats a length before the first');
          const value = symbol === 16 ? lengths[i - 1] : 0;
          const repeat = symbol === 16 ? 3 + bits(2) : symbol === 17 ? 3 + bits(3) : 11 + bits(7);
          if (i + repeat > nlen + ndist) throw new Error('the compressed data has too many code lengths');
          for (let r = 0; r < repeat; r++) lengths[i++] = value;
        }
      }
      if (lengths[256] === 0) throw new Error('the compressed data has no end-of-block code');
      codes(huffman(lengths, 0, nlen), huffman(lengths, nlen, ndist));
    } else throw new Error('the compressed data has an invalid block type');
  }
  return out.subarray(0, at);
}
