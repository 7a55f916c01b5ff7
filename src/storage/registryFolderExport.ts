import { checkName, conflictWords, folderView, folderVersionOf, folderWrites, planMerge, readRegistryFiles, type MergePlan } from '../core/registryFolder';
import type { StudioDb } from './db';
import { contextOf } from './context';
import { versionFiles } from './versionFiles';
import { setTag } from './annotations';
import { versionRunFiles } from './versionRunFiles';
import { HASH_TAG, auditHistory, studioRegistry, type RegistryMergeSummary } from './registryFolderView';

/** Who the folder's audit log names for the studio's changes. */
const STUDIO = 'modelbench studio';

/** A version's run folder files from its stored artifacts and its run's dataset. */
async function runFilesOf(db: StudioDb, version: Parameters<typeof versionRunFiles>[0]): Promise<Record<string, Uint8Array>> {
  const { files, dataset } = await versionFiles(db, version);
  return versionRunFiles(version, files, dataset);
}

/** `plan` without what concerns the versions in `dropped` (target numbers by model). */
function without(plan: MergePlan, dropped: Set<string>): MergePlan {
  const kept = (model: string, version: number) => !dropped.has(`${model}\n${version}`);
  return { ...plan, add: plan.add.filter((m) => kept(m.model, m.to)), aliases: plan.aliases.filter((a) => kept(a.model, a.version)), tags: plan.tags.filter((t) => kept(t.model, t.version)), notes: plan.notes.filter((n) => kept(n.model, n.version)) };
}

/**
 * The files that merge the studio's registry into a registry folder by content hash (`existing`: the
 * folder's files, null for a new folder): each new version with its bundle, run folder and lineage,
 * the aliases, tags and notes, and audit lines. Each version written gets its content hash as a tag
 * (unless it had one), so exporting or importing it again finds it.
 */
export async function exportRegistryFolder(db: StudioDb, existing: Record<string, Uint8Array> | null, conflicts: 'keep' | 'take', where: string): Promise<{ writes: Record<string, Uint8Array>; summary: RegistryMergeSummary }> {
  const folder = existing ? readRegistryFiles(existing, where, false) : null;
  const studio = await studioRegistry(db);
  const problems = [...(folder?.problems ?? [])];
  // A folder name must be a safe path segment; the studio accepts more (spaces, any script).
  const fits = studio.view.filter((m) => {
    try {
      return checkName(m.name, 'model name') === m.name;
    } catch (e) {
      problems.push(`${m.name} was left out: ${(e as Error).message} Register its versions under such a name to export them.`);
      return false;
    }
  });
  const full = planMerge(folder ? folderView(folder) : [], fits, { numbering: 'keep', conflicts });
  const dropped = new Set<string>();
  const added = [];
  for (const m of full.add) {
    const version = studio.versions.find((v) => v.model === m.model && v.version === m.from)!;
    try {
      const runFiles = await runFilesOf(db, version);
      const createdAt = new Date(version.createdAt).toISOString();
      added.push({ from: m.from, ...folderVersionOf({ name: m.model, version: m.to, createdAt, by: STUDIO, source: `studio ${m.model} v${m.from}`, runFiles }), history: auditHistory(studio.audit, m.model, m.from) });
    } catch (e) {
      dropped.add(`${m.model}\n${m.to}`);
      problems.push(`${m.model} v${m.from} was left out: ${(e as Error).message}`);
    }
  }
  const plan = without(full, dropped);
  if (plan.add.length === 0 && plan.aliases.length === 0 && plan.tags.length === 0 && plan.notes.length === 0 && folder) {
    return { writes: {}, summary: { added: [], same: plan.same.length, aliases: [], conflicts: plan.conflicts.map((c) => conflictWords(c, 'the folder', 'the studio')), problems } };
  }
  const writes = folderWrites(folder, plan, added, new Date(contextOf(db).now()).toISOString(), STUDIO);
  for (const a of added) {
    const version = studio.versions.find((v) => v.model === a.record.name && v.version === a.from)!;
    if (!version.tags.some(([k]) => k === HASH_TAG)) await setTag(db, version.model, version.version, HASH_TAG, a.record.contentHash);
  }
  return {
    writes,
    summary: {
      added: added.map((a) => ({ model: a.record.name, version: a.record.version, from: a.from })),
      same: plan.same.length,
      aliases: plan.aliases.map((a) => ({ model: a.model, alias: a.alias, version: a.version })),
      conflicts: plan.conflicts.map((c) => conflictWords(c, 'the folder', 'the studio')),
      problems,
    },
  };
}
