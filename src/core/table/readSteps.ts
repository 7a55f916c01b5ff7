import type { ByteSource } from './byteSource';

/** A byte range the parsing code needs next. */
export interface ReadRequest {
  start: number;
  end: number;
  /** Bytes an earlier step returned that the code no longer references: the source may reuse their memory. */
  release?: Uint8Array;
}

/**
 * Parsing code written once as a generator that yields the byte ranges it needs, so the same
 * code runs over an async `ByteSource` (files) and synchronously over bytes in memory.
 */
export type Steps<T> = Generator<ReadRequest, T, Uint8Array>;

/**
 * Drives `steps` over an async source. After each read it starts reading the following range of
 * the same length, so file I/O overlaps parsing when requests are sequential (they usually are).
 */
export async function runAsync<T>(steps: Steps<T>, source: ByteSource): Promise<T> {
  let next = steps.next();
  let ahead: { start: number; end: number; bytes: Promise<Uint8Array> } | null = null;
  while (!next.done) {
    const { start, end, release } = next.value;
    if (release) source.release?.(release);
    const bytes = ahead && ahead.start === start && ahead.end === end ? await ahead.bytes : await source.read(start, end);
    ahead = null;
    if (end < source.size && end > start) {
      const following = { start: end, end: Math.min(source.size, end + (end - start)) };
      const pending = source.read(following.start, following.end);
      pending.catch(() => undefined);
      ahead = { ...following, bytes: pending };
    }
    next = steps.next(bytes);
  }
  return next.value;
}

export function runSync<T>(steps: Steps<T>, bytes: Uint8Array): T {
  let next = steps.next();
  while (!next.done) next = steps.next(bytes.subarray(next.value.start, Math.min(bytes.length, next.value.end)));
  return next.value;
}
