import type { ByteSource } from './byteSource';

/**
 * A `ByteSource` over a Blob that reuses the memory of chunks its reader has released. Every
 * `blob.slice().arrayBuffer()` makes a new buffer, and a worker frees those only at garbage
 * collection, which V8 puts off until tens of MB have piled up: two parse threads then hold
 * about 100 MB of spent 8 MB chunks. Here a released chunk's buffer is refilled in place through
 * a BYOB reader of `blob.stream()` while reads go forward in order; any other read, or a Blob
 * without BYOB streams, falls back to `slice().arrayBuffer()`.
 */
export function recyclingBlobSource(blob: Blob, name: string): ByteSource {
  const ours = new WeakSet<ArrayBuffer>();
  const pool: ArrayBuffer[] = [];
  let stream: { reader: ReadableStreamBYOBReader; position: number } | null = null;
  // Reads from the stream run one after another; a read-ahead may still be filling when the next starts.
  let queue: Promise<unknown> = Promise.resolve();

  const sliced = async (start: number, end: number) => {
    const buffer = await blob.slice(start, end).arrayBuffer();
    ours.add(buffer);
    return new Uint8Array(buffer);
  };

  const open = (start: number) => {
    void stream?.reader.cancel().catch(() => undefined);
    stream = null;
    try {
      stream = { reader: blob.slice(start).stream().getReader({ mode: 'byob' }), position: start };
    } catch {
      // No byte streams here: every read takes the slice path.
    }
    return stream;
  };

  async function refill(buffer: ArrayBuffer, start: number, end: number): Promise<Uint8Array | null> {
    const s = stream && stream.position === start ? stream : open(start);
    if (!s) return null;
    const length = end - start;
    let current = buffer;
    let filled = 0;
    while (filled < length) {
      const { value, done } = await s.reader.read(new Uint8Array(current, filled, length - filled));
      if (value) current = value.buffer as ArrayBuffer;
      if (done || !value) break;
      filled += value.byteLength;
    }
    s.position += filled;
    ours.add(current);
    return new Uint8Array(current, 0, filled);
  }

  return {
    name,
    size: blob.size,
    read(start, end) {
      end = Math.min(end, blob.size);
      const index = pool.findIndex((b) => b.byteLength >= end - start);
      if (index < 0 || end <= start) return sliced(start, end);
      const [buffer] = pool.splice(index, 1);
      const result = queue.then(() => refill(buffer, start, end)).then((bytes) => bytes ?? sliced(start, end));
      queue = result.catch(() => undefined);
      return result;
    },
    release(bytes) {
      const buffer = bytes.buffer;
      if (buffer instanceof ArrayBuffer && ours.has(buffer) && pool.length < 4) {
        ours.delete(buffer);
        pool.push(buffer);
      }
    },
  };
}
