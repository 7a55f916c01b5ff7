import type { StudioDb } from './db';
import type { AliasRecord } from './records';
import { contextOf } from './context';
import { NotFoundError, StorageInputError } from './errors';
import { appendAudit } from './audit';
import { notifyChange } from './changes';
import { readTx, writeTx } from './transact';

/** Points `alias` of `model` at `version`, moving it if it pointed elsewhere. Audited. */
export async function setAlias(db: StudioDb, model: string, alias: string, version: number): Promise<AliasRecord> {
  checkAlias(alias);
  const now = contextOf(db).now();
  const record: AliasRecord = { model, alias, version, setAt: now };
  await writeTx(db, ['versions', 'aliases', 'audit'], `alias "${alias}" of ${model}`, async (tx) => {
    if (!(await tx.objectStore('versions').index('by-model-version').getKey([model, version]))) {
      throw new NotFoundError(`Model "${model}" has no version ${version}; an alias can only point at a registered version.`);
    }
    const previous = await tx.objectStore('aliases').get([model, alias]);
    await tx.objectStore('aliases').put(record);
    await appendAudit(tx.objectStore('audit'), now, 'alias-set', model, { alias, version, previous: previous?.version ?? null });
  });
  notifyChange(db, { kind: 'alias', verb: 'setAlias', ids: [model] });
  return record;
}

/** Removes `alias` from `model`. Returns false when it was not set. Audited when removed. */
export async function removeAlias(db: StudioDb, model: string, alias: string): Promise<boolean> {
  const now = contextOf(db).now();
  const removed = await writeTx(db, ['aliases', 'audit'], `alias "${alias}" of ${model}`, async (tx) => {
    const previous = await tx.objectStore('aliases').get([model, alias]);
    if (!previous) return false;
    await tx.objectStore('aliases').delete([model, alias]);
    await appendAudit(tx.objectStore('audit'), now, 'alias-removed', model, { alias, version: previous.version });
    return true;
  });
  if (removed) notifyChange(db, { kind: 'alias', verb: 'removeAlias', ids: [model] });
  return removed;
}

/**
 * Which version held `alias` of `model` at `date` (epoch ms or Date), from the audit log;
 * null when the alias was unset then.
 */
export async function aliasAt(db: StudioDb, model: string, alias: string, date: number | Date): Promise<number | null> {
  const at = typeof date === 'number' ? date : date.getTime();
  const entries = await readTx(db, ['audit'], (tx) => tx.objectStore('audit').index('by-subject').getAll(model));
  let held: number | null = null;
  let heldAt = -Infinity;
  let heldId = -Infinity;
  for (const e of entries) {
    if (e.action !== 'alias-set' && e.action !== 'alias-removed') continue;
    const detail = e.detail as { alias?: unknown; version?: unknown };
    if (detail.alias !== alias || e.at > at) continue;
    // Entries at the same millisecond are ordered by their auto-increment id.
    if (e.at < heldAt || (e.at === heldAt && (e.id ?? 0) < heldId)) continue;
    held = e.action === 'alias-set' && typeof detail.version === 'number' ? detail.version : null;
    heldAt = e.at;
    heldId = e.id ?? 0;
  }
  return held;
}

function checkAlias(alias: unknown): void {
  if (typeof alias !== 'string' || !/^[A-Za-z0-9][\w.-]{0,63}$/.test(alias)) {
    throw new StorageInputError(
      `Alias ${JSON.stringify(alias)} must be 1 to 64 letters, digits, "_", "-" or ".", starting with a letter or digit (e.g. "champion").`,
    );
  }
}
