import { memorySource, readAll, type ByteSource } from './byteSource';

/** What the first bytes say about the text encoding. */
export interface BomInfo {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** Bytes to skip. */
  bomLength: number;
}

export function detectBom(head: Uint8Array): BomInfo {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/**
 * Text sources as UTF-8 bytes: UTF-16 files (rare) are decoded whole and re-encoded so the
 * byte-level parsers only ever see UTF-8 or single-byte text. Returns the source and where
 * the text starts.
 */
export async function utf8View(source: ByteSource): Promise<{ source: ByteSource; start: number; encoding: string }> {
  const head = await source.read(0, Math.min(4, source.size));
  const bom = detectBom(head);
  if (bom.encoding === 'utf-8') return { source, start: bom.bomLength, encoding: bom.bomLength ? 'utf-8-bom' : 'utf-8' };
  const text = new TextDecoder(bom.encoding).decode((await readAll(source)).subarray(bom.bomLength));
  return { source: memorySource(text, source.name), start: 0, encoding: bom.encoding };
}
