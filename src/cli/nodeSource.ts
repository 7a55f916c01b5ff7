import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';

/** A `ByteSource` over a file on disk, reading only the ranges asked for. */
export async function nodeFileSource(path: string) {
  const info = await stat(path);
  // Reading a folder fails later, inside the reader, with an error that names no path.
  if (info.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR', path, syscall: 'stat' });
  const { size } = info;
  return {
    name: basename(path),
    size,
    async read(start: number, end: number): Promise<Uint8Array> {
      const handle = await open(path, 'r');
      try {
        const length = Math.max(0, Math.min(end, size) - start);
        const buffer = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(buffer, done, length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === length ? buffer : buffer.subarray(0, done);
      } finally {
        await handle.close();
      }
    },
  };
}
