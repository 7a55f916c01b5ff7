import type { IDBPDatabase } from 'idb';
import type { StudioDB } from './db';

/** Options for `openStudioDB`. */
export interface StudioOptions {
  /** Clock in epoch ms; default `Date.now`. Tests pass a fake one. */
  now?: () => number;
  /** This tab's session id for run heartbeats; default a fresh random UUID. */
  session?: string;
  /** Bytes per stored chunk; default 32 MiB (Chromium refuses single values over ~127 MB). */
  chunkSize?: number;
  /** BroadcastChannel name the verbs post changes to; default `modelbench`. */
  channel?: string;
  /** Another tab asked for a newer schema: this connection has closed, ask the user to reload. */
  onVersionChange?: () => void;
  /** Opening waits on an older connection in another tab that has not closed yet. */
  onBlocked?: () => void;
}

/** What every verb needs besides the connection. */
export interface StudioContext {
  name: string;
  now: () => number;
  session: string;
  chunkSize: number;
  channelName: string;
  channel: BroadcastChannel | null;
}

export const DEFAULT_CHUNK_SIZE = 32 * 1024 * 1024;

const contexts = new WeakMap<object, StudioContext>();

/** Remembers the options for `db` and wires `versionchange` to close it. */
export function attachContext(
  db: IDBPDatabase<StudioDB>,
  name: string,
  options: StudioOptions,
): IDBPDatabase<StudioDB> {
  const channelName = options.channel ?? 'modelbench';
  const context: StudioContext = {
    name,
    now: options.now ?? Date.now,
    session: options.session ?? crypto.randomUUID(),
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    channelName,
    channel: typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null,
  };
  contexts.set(db, context);
  db.addEventListener('versionchange', () => {
    closeStudioDB(db);
    options.onVersionChange?.();
  });
  return db;
}

export function contextOf(db: IDBPDatabase<StudioDB>): StudioContext {
  const context = contexts.get(db);
  if (!context) throw new Error('This database was not opened with openStudioDB; open it with openStudioDB(name).');
  return context;
}

/** Closes the connection and its change channel. Safe to call twice. */
export function closeStudioDB(db: IDBPDatabase<StudioDB>): void {
  const context = contexts.get(db);
  context?.channel?.close();
  if (context) context.channel = null;
  db.close();
}
