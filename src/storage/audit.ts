import type { StudioDb } from './db';
import type { AuditAction, AuditRecord } from './records';
import type { Json } from './json';
import { readTx } from './transact';

/** The audit store of a read-write transaction (`tx.objectStore('audit')`). */
export interface AuditStore {
  add(value: AuditRecord): Promise<unknown>;
}

/** Adds an audit entry inside the caller's transaction, so it commits or rolls back with the change. */
export async function appendAudit(
  store: AuditStore,
  at: number,
  action: AuditAction,
  subject: string,
  detail: Json,
): Promise<void> {
  await store.add({ at, action, subject, detail });
}

/** Filter for `auditLog`; every field narrows. */
export interface AuditFilter {
  /** Model name, run id or dataset id. */
  subject?: string;
  action?: AuditAction;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, inclusive. */
  until?: number;
  /** Newest first, at most this many. Default: all. */
  limit?: number;
}

/** Audit entries, newest first. */
export async function auditLog(db: StudioDb, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  const all = await readTx(db, ['audit'], (tx) =>
    filter.subject === undefined
      ? tx.objectStore('audit').getAll()
      : tx.objectStore('audit').index('by-subject').getAll(filter.subject),
  );
  const kept = all
    .filter(
      (e) =>
        (filter.action === undefined || e.action === filter.action) &&
        (filter.since === undefined || e.at >= filter.since) &&
        (filter.until === undefined || e.at <= filter.until),
    )
    .sort((a, b) => b.at - a.at || (b.id ?? 0) - (a.id ?? 0));
  return filter.limit === undefined ? kept : kept.slice(0, filter.limit);
}
