import type { StudioDb } from './db';
import type { AuditAction, VersionRecord } from './records';
import type { Json } from './json';
import { contextOf } from './context';
import { NotFoundError } from './errors';
import { appendAudit } from './audit';
import { checkTag, withTag } from './tags';
import { notifyChange } from './changes';
import { writeTx } from './transact';

/**
 * The only writes a version accepts: tags, notes, latency. Each is one transaction with its
 * audit entry; nothing else on the version can change.
 */
async function annotate(
  db: StudioDb,
  model: string,
  version: number,
  action: AuditAction,
  detail: Json,
  change: (v: VersionRecord) => Pick<VersionRecord, 'tags' | 'notes' | 'latency'>,
): Promise<VersionRecord> {
  const now = contextOf(db).now();
  const saved = await writeTx(db, ['versions', 'audit'], `${action} on ${model} v${version}`, async (tx) => {
    const store = tx.objectStore('versions');
    const current = await store.index('by-model-version').get([model, version]);
    if (!current) throw new NotFoundError(`Model "${model}" has no version ${version}; see listVersions("${model}").`);
    const { tags, notes, latency } = change(current);
    const next: VersionRecord = { ...current, tags, notes, ...(latency === undefined ? {} : { latency }) };
    await store.put(next);
    await appendAudit(tx.objectStore('audit'), now, action, model, { version, ...(detail as object) });
    return next;
  });
  notifyChange(db, { kind: 'version', verb: action, ids: [model] });
  return saved;
}

/** Sets tag `key` to `value` on one version. */
export function setTag(db: StudioDb, model: string, version: number, key: string, value: string): Promise<VersionRecord> {
  checkTag(key, value);
  return annotate(db, model, version, 'tag-set', { key, value }, (v) => ({ ...v, tags: withTag(v.tags, key, value) }));
}

/** Removes tag `key` from one version (no-op on the tags if absent; still audited). */
export function removeTag(db: StudioDb, model: string, version: number, key: string): Promise<VersionRecord> {
  return annotate(db, model, version, 'tag-removed', { key }, (v) => ({ ...v, tags: withTag(v.tags, key, undefined) }));
}

/** Replaces the notes of one version. */
export function setNotes(db: StudioDb, model: string, version: number, notes: string): Promise<VersionRecord> {
  return annotate(db, model, version, 'note', { notes }, (v) => ({ ...v, notes }));
}

/** Records a latency measurement (from the deploy stage's bench) on one version. */
export function setLatency(db: StudioDb, model: string, version: number, latency: Json): Promise<VersionRecord> {
  return annotate(db, model, version, 'latency', { latency }, (v) => ({ ...v, latency }));
}
