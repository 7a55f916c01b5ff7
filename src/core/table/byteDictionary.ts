import { decodeWindows1252 } from './windows1252';

/**
 * Interns strings by their UTF-8 bytes: a field's bytes are hashed and compared in place, and
 * decoded to a JS string only the first time they are seen.
 */

/** Decodes bytes to text; throws `EncodingSwitch` when strict UTF-8 fails. */
export interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}

/** Thrown when a field is not valid UTF-8, so the reader restarts with windows-1252. */
export class EncodingSwitch extends Error {
  override name = 'EncodingSwitch';
}

/** A decoder for `utf-8` (strict) or `windows-1252`. ASCII-only short fields skip TextDecoder. */
export function byteDecoder(encoding: 'utf-8' | 'windows-1252'): (buf: Uint8Array, s: number, e: number) => string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  if (encoding === 'windows-1252') return decodeWindows1252;
  return (buf, s, e) => {
    if (e - s <= 32) {
      let ascii = true;
      for (let i = s; i < e; i++) if (buf[i] >= 0x80) ascii = false;
      if (ascii) {
        let text = '';
        for (let i = s; i < e; i++) text += String.fromCharCode(buf[i]);
        return text;
      }
    }
    try {
      return decoder.decode(buf.subarray(s, e));
    } catch {
      throw new EncodingSwitch('invalid UTF-8');
    }
  };
}

export class ByteDictionary {
  readonly strings: string[] = [];
  /** How many times each entry was interned (its cells so far), so readers need no counting pass. */
  counts = new Int32Array(64);
  private pool = new Uint8Array(1024);
  private poolLength = 0;
  private offsets = new Int32Array(64);
  private slots = new Int32Array(128);
  private mask = 127;

  constructor(private readonly decode: (buf: Uint8Array, s: number, e: number) => string) {}

  /** The code of `buf[s, e)`, adding it when new. */
  intern(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 16777619);
    return this.internHashed(buf, s, e, h);
  }

  /** `intern` when the caller already has the bytes' FNV-1a hash (see `scanHashed`). */
  internHashed(buf: Uint8Array, s: number, e: number, h: number): number {
    const len = e - s;
    const pool = this.pool;
    const offsets = this.offsets;
    let slot = h & this.mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) break;
      const code = entry - 1;
      const start = offsets[code * 2];
      if (offsets[code * 2 + 1] - start === len) {
        let same = true;
        for (let i = 0; i < len; i++) {
          if (pool[start + i] !== buf[s + i]) {
            same = false;
            break;
          }
        }
        if (same) {
          this.counts[code]++;
          return code;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    return this.add(buf, s, e, slot);
  }

  private add(buf: Uint8Array, s: number, e: number, slot: number): number {
    const text = this.decode(buf, s, e);
    const code = this.strings.length;
    const len = e - s;
    if (this.poolLength + len > this.pool.length) {
      const grown = new Uint8Array(Math.max(this.pool.length * 2, this.poolLength + len));
      grown.set(this.pool.subarray(0, this.poolLength));
      this.pool = grown;
    }
    this.pool.set(buf.subarray(s, e), this.poolLength);
    if ((code + 1) * 2 > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
      const counts = new Int32Array(this.offsets.length / 2);
      counts.set(this.counts);
      this.counts = counts;
    }
    this.counts[code] = 1;
    this.offsets[code * 2] = this.poolLength;
    this.offsets[code * 2 + 1] = this.poolLength + len;
    this.poolLength += len;
    this.strings.push(text);
    this.slots[slot] = code + 1;
    if (this.strings.length * 2 > this.mask) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let code = 0; code < this.strings.length; code++) {
      let h = 0x811c9dc5 | 0;
      for (let i = this.offsets[code * 2]; i < this.offsets[code * 2 + 1]; i++) h = Math.imul(h ^ this.pool[i], 16777619);
      let slot = h & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
