import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * `sha256:<hex>` of a file's bytes, read as a stream: the same digest the studio gives a dataset
 * (`fingerprintBytes`), so a run trained here can be tied to the file once it is opened there.
 */
export async function fileFingerprint(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}
