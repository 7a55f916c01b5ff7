/** Code points of windows-1252 bytes 0x80–0x9F (the rest equal their byte); own table because Node's TextDecoder treats it as latin1. */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Decodes windows-1252 bytes `buf[s, e)`. */
export function decodeWindows1252(buf: Uint8Array, s = 0, e = buf.length): string {
  const parts: string[] = [];
  for (let i = s; i < e; i += 8192) {
    const end = Math.min(e, i + 8192);
    const codes = new Array<number>(end - i);
    for (let k = i; k < end; k++) {
      const b = buf[k];
      codes[k - i] = b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80] : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
