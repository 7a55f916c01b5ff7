/** Anything that can hand out byte ranges: a browser File/Blob, or a Node file (src/cli provides that one). */
export interface ByteSource {
  name: string;
  /** Size in bytes. */
  size: number;
  /** Bytes `[start, end)`; shorter only at end of file. */
  read(start: number, end: number): Promise<Uint8Array>;
  /**
   * Takes back bytes this source returned that the reader no longer references, so a later read can
   * reuse their memory (see `recyclingBlobSource`). The bytes must not be used after.
   */
  release?(bytes: Uint8Array): void;
}

/** A `ByteSource` over a Blob or File, reading ranges with `blob.slice(a, b).arrayBuffer()`. */
export function blobSource(blob: Blob, name: string): ByteSource {
  return {
    name,
    size: blob.size,
    async read(start, end) {
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
  };
}

/** A `ByteSource` over bytes (or text, UTF-8 encoded) already in memory. */
export function memorySource(data: Uint8Array | string, name: string): ByteSource {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return {
    name,
    size: bytes.length,
    async read(start, end) {
      return bytes.subarray(start, Math.min(end, bytes.length));
    },
  };
}

/** Reads the whole source into one buffer. */
export async function readAll(source: ByteSource): Promise<Uint8Array> {
  return source.read(0, source.size);
}
