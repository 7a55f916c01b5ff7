import type { ViewModel } from '../core/registryFolder';
import type { StudioDb } from './db';
import type { AuditRecord, VersionRecord } from './records';
import { readTx } from './transact';

/**
 * The tag that holds a version's content hash (SHA-256 of its bundle in a registry folder): set when a
 * version comes from a folder or goes into one, so the next import or export knows it is the same.
 */
export const HASH_TAG = 'content-sha256';

/** What a merge between the studio and a registry folder reports, in the target's numbers. */
export interface RegistryMergeSummary {
  added: { model: string; version: number; from: number }[];
  /** Versions found on both sides (same content hash): left as they were. */
  same: number;
  aliases: { model: string; alias: string; version: number }[];
  /** Each disagreement in words, saying which side stands. */
  conflicts: string[];
  /** What was left out and why. */
  problems: string[];
}

/** Every studio version with its model's aliases, and the studio as a merge sees it. */
export async function studioRegistry(db: StudioDb): Promise<{ view: ViewModel[]; versions: VersionRecord[]; audit: AuditRecord[] }> {
  return readTx(db, ['models', 'versions', 'aliases', 'audit'], async (tx) => {
    const versions = await tx.objectStore('versions').getAll();
    const aliases = await tx.objectStore('aliases').getAll();
    const view = (await tx.objectStore('models').getAll()).map((m): ViewModel => {
      const own = versions.filter((v) => v.model === m.name).sort((a, b) => a.version - b.version);
      const tags = (v: VersionRecord) => Object.fromEntries(v.tags.filter(([k]) => k !== HASH_TAG));
      return {
        name: m.name,
        lastVersion: m.lastVersion,
        versions: own.map((v) => ({ version: v.version, contentHash: new Map(v.tags).get(HASH_TAG) ?? null })),
        aliases: Object.fromEntries(aliases.filter((a) => a.model === m.name).map((a) => [a.alias, a.version])),
        tags: Object.fromEntries(own.map((v) => [v.version, tags(v)])),
        notes: Object.fromEntries(own.filter((v) => v.notes).map((v) => [v.version, v.notes])),
      };
    });
    return { view, versions, audit: await tx.objectStore('audit').getAll() };
  });
}

/** A studio audit entry as a registry folder carries it in a register line's history. */
export const auditHistory = (entries: AuditRecord[], model: string, version: number) =>
  entries
    .filter((e) => e.subject === model && (e.detail as { version?: unknown } | null)?.version === version)
    .map((e) => ({ at: new Date(e.at).toISOString(), action: e.action, detail: e.detail }));
