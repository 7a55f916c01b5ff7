import { canKeepFiles, forgetFile, keepFile, keptFile, keptFiles, type KeptFile, type KeptRead } from '../storage';
import type { ColumnType } from '../core/table';
import { fingerprintFile } from '../bridge/fingerprintFile';
import { toUserError, type UserError } from './errors';

/** What reopening needs of the studio: open a file, show the Data stage, and the open dataset's fingerprint. */
interface Opener {
  openFile(file: File, sample?: null, target?: string | null, types?: Record<string, ColumnType>): Promise<void>;
  go(stage: 'data'): void;
}

/**
 * Datasets whose bytes the user chose to keep in this browser (the Origin Private File System), so
 * the Datasets list reopens them after a reload; the others are reopened by choosing the file
 * again, which is checked against the stored fingerprint before it opens.
 */
class KeptDatasets {
  readonly available = canKeepFiles();
  files = $state.raw(new Map<string, KeptFile>());
  /** The fingerprint being kept, reopened or checked. */
  busy = $state<string | null>(null);
  error = $state<UserError | null>(null);
  #loaded: Promise<void> | null = null;

  /** Reads the list once; later calls wait for that read. */
  load(): Promise<void> {
    this.#loaded ??= this.#refresh();
    return this.#loaded;
  }

  async #refresh() {
    try {
      this.files = await keptFiles();
    } catch (e) {
      this.error = toUserError('The kept copies could not be listed', e);
    }
  }

  /** Keeps `file`, remembering how it was `read` so that reopening reads it the same way. */
  async keep(fingerprint: Promise<string>, file: File, read?: KeptRead) {
    this.error = null;
    try {
      const fp = await fingerprint;
      this.busy = fp;
      await keepFile(fp, file, read);
      await this.#refresh();
    } catch (e) {
      this.error = toUserError(`${file.name} could not be kept in this browser`, e);
    } finally {
      this.busy = null;
    }
  }

  async forget(fingerprint: string) {
    this.error = null;
    try {
      await forgetFile(fingerprint);
      await this.#refresh();
    } catch (e) {
      this.error = toUserError('The kept copy could not be removed', e);
    }
  }

  async reopen(fingerprint: string, studio: Opener) {
    this.error = null;
    this.busy = fingerprint;
    try {
      const kept = await keptFile(fingerprint);
      if (!kept) {
        this.error = { title: 'No kept copy', message: 'This browser no longer holds a copy of the file (the browser may have cleared site data). Choose the file again.' };
        await this.#refresh();
        return;
      }
      studio.go('data');
      await studio.openFile(kept.file, null, kept.read?.target ?? null, kept.read?.types ?? {});
    } catch (e) {
      this.error = toUserError('The kept copy could not be read', e);
    } finally {
      this.busy = null;
    }
  }

  /** Opens `file` only when its bytes are the dataset's (same SHA-256); otherwise says how it differs. */
  async openChecked(file: File, expected: { name: string; fingerprint: string }, studio: Opener) {
    this.error = null;
    this.busy = expected.fingerprint;
    try {
      const fp = await fingerprintFile(file);
      if (fp !== expected.fingerprint) {
        this.error = {
          title: `The chosen file is not the one ${expected.name} was made from`,
          message: `${file.name}'s SHA-256 starts ${fp.slice(0, 12)}…, the dataset's starts ${expected.fingerprint.slice(0, 12)}…: the bytes differ. Choose the original file, or open this one from Data as a new dataset.`,
        };
        return;
      }
      studio.go('data');
      await studio.openFile(file);
    } catch (e) {
      this.error = toUserError(`${file.name} could not be checked`, e);
    } finally {
      this.busy = null;
    }
  }
}

export const keptDatasets = new KeptDatasets();
