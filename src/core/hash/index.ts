/** SHA-256, incremental (for files streamed in chunks) and one-shot; no dependency, same in workers, pages and Node. */
export { Sha256, sha256HexSync } from './sha256';
