import { Sha256 } from '../core/hash';

/** SHA-256 of one buffer, lowercase hex, with WebCrypto. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  let out = '';
  for (const b of new Uint8Array(digest)) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * A dataset's fingerprint: SHA-256 of its source bytes, lowercase hex. Give a whole buffer
 * (hashed with WebCrypto) or an async iterable of chunks, e.g. from `file.stream()`, which is
 * hashed incrementally so the file is never joined in memory. Both give the same digest.
 */
export async function fingerprintBytes(chunks: AsyncIterable<Uint8Array> | Uint8Array): Promise<string> {
  if (chunks instanceof Uint8Array) return sha256Hex(chunks);
  const hasher = new Sha256();
  for await (const chunk of chunks) hasher.update(chunk);
  return hasher.hex();
}
