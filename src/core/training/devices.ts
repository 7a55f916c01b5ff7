import type { BackendName, BackendCandidate } from '../models';

/** What the train service needs from its environment; Node tests pass a CPU/WASM-only one. */
export interface Devices {
  /** Which backends could start here, with software-GPU flags; switches nothing. */
  detect(): Promise<BackendCandidate[]>;
  /** Switches TF.js to `name`, throwing when it cannot start. */
  use(name: BackendName): Promise<void>;
  /** Why the current backend's GPU is gone, or null while it works. Cheap: polled before every batch. */
  lost(): string | null;
  /** Destroys the current GPU (test hook); returns what it did. Throws on CPU and WASM. */
  loseDevice(): string;
}
