import type { StudioDb } from './db';
import { contextOf } from './context';

/** Kinds of record a change message is about. */
export type ChangeKind = 'dataset' | 'run' | 'version' | 'alias' | 'model' | 'workspace' | 'project';

/** Posted on the `modelbench` BroadcastChannel after a verb's transaction commits. */
export interface StudioChange {
  kind: ChangeKind;
  /** The verb that made it, e.g. `saveRun`, `setAlias`. */
  verb: string;
  /** Ids (or model names) it touched. */
  ids: string[];
  at: number;
}

/** Tells other tabs (and this tab's `onChange` listeners) that committed data changed. */
export function notifyChange(db: StudioDb, change: Omit<StudioChange, 'at'>): void {
  const context = contextOf(db);
  context.channel?.postMessage({ ...change, at: context.now() } satisfies StudioChange);
}

/**
 * Calls `callback` for every change committed by any connection in any tab of this origin.
 * Returns a function that stops listening. `channel` must match the one given to `openStudioDB`.
 */
export function onChange(callback: (change: StudioChange) => void, channel = 'modelbench'): () => void {
  const bc = new BroadcastChannel(channel);
  bc.onmessage = (event: MessageEvent<StudioChange>) => callback(event.data);
  return () => bc.close();
}
