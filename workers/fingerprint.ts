import { exposeService } from '../src/core/thread';
import { fingerprintBytes } from '../src/storage';

/** Files up to this size are hashed in one WebCrypto call; larger ones are streamed so memory stays flat. */
const WHOLE_LIMIT = 32 * 1024 * 1024;

const api = {
  /** SHA-256 of the file's bytes, lowercase hex: a dataset's identity in the registry. */
  async fingerprint(file: Blob): Promise<string> {
    if (file.size <= WHOLE_LIMIT) return fingerprintBytes(new Uint8Array(await file.arrayBuffer()));
    const reader = file.stream().getReader();
    return fingerprintBytes({
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      },
    });
  },
};

export type FingerprintApi = typeof api;
exposeService(api);
