/**
 * A gzip-compressed file (data.csv.gz, as exports and downloads often come) read as the file inside:
 * decompressed with the platform's DecompressionStream (browsers and Node 18+), named without its
 * ".gz", then read like any other file.
 */
import { memorySource, type ByteSource } from './byteSource';
import { progressThrottle, type ReadHooks } from './readHooks';
import { DataError } from './types';

/** Whether `head` opens with gzip's magic number. */
export const isGzip = (head: Uint8Array) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** The name of the file inside: "flights.csv.gz" → "flights.csv", "data.tgz"/"x.gz" → "data.tar"/"x". */
export function innerName(name: string): string {
  return name.replace(/\.tgz$/i, '.tar').replace(/\.gz(ip)?$/i, '');
}

/**
 * The decompressed bytes of a gzip `blob`, as a Blob; a DataError naming the file when they do not
 * decompress. Progress counts the compressed bytes consumed, of the file's size; the read of the
 * file inside then reports its own bytes, of its own size.
 */
export async function gunzipBlob(blob: Blob, name: string, onProgress?: ReadHooks['onProgress']): Promise<Blob> {
  const report = progressThrottle(onProgress, blob.size);
  let consumed = 0;
  const counted = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
    transform(chunk, controller) {
      consumed += chunk.length;
      report(consumed, 0);
      controller.enqueue(chunk);
    },
  });
  try {
    return await new Response(blob.stream().pipeThrough(counted).pipeThrough(new DecompressionStream('gzip'))).blob();
  } catch (error) {
    throw new DataError(`"${name}" is gzip-compressed but does not decompress (${(error as Error).message || 'corrupt data'}): it may be cut short. Download or copy it again, or decompress it yourself to see what is wrong.`, { file: name, code: 'bad-gzip' });
  }
}

/** `source` decompressed, as a source named after the file inside. */
export async function gunzipSource(source: ByteSource, onProgress?: ReadHooks['onProgress']): Promise<ByteSource> {
  const compressed = await source.read(0, source.size);
  // A copy: a Blob takes bytes on an ArrayBuffer, and a source may hand out a view of shared memory.
  const inner = await gunzipBlob(new Blob([compressed.slice()]), source.name, onProgress);
  return memorySource(new Uint8Array(await inner.arrayBuffer()), innerName(source.name));
}
