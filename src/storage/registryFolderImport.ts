import { conflictWords, folderView, planMerge, readRegistryFiles, type FolderVersion, type RegistryContents } from '../core/registryFolder';
import { readRunFile, type RunFile } from '../core/run';
import type { StudioDb } from './db';
import type { Json } from './json';
import { contextOf } from './context';
import { putDataset } from './datasets';
import { saveRun } from './runs';
import { registerVersion } from './versions';
import { setAlias } from './aliases';
import { setNotes, setTag } from './annotations';
import { appendAudit } from './audit';
import { writeTx } from './transact';
import { HASH_TAG, studioRegistry, type RegistryMergeSummary } from './registryFolderView';

const plain = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as Json;

/** The run files of a folder version (under run/), or null when it was registered from a bundle alone. */
function runFilesOf(version: FolderVersion): Record<string, Uint8Array> | null {
  const files = Object.fromEntries(Object.entries(version.files).filter(([p]) => p.startsWith('run/')).map(([p, b]) => [p.slice(4), b]));
  return files['run.json'] ? files : null;
}

/** Keeps the versions the studio can rebuild (those with their run folder); says why each other one stays out. */
function importable(contents: RegistryContents, problems: string[]): RegistryContents {
  const models = contents.models.map(({ model, versions }) => ({
    model,
    versions: versions.filter((v) => {
      if (runFilesOf(v)) return true;
      problems.push(`${model.name} v${v.record.version} was registered from a bundle alone (${v.record.lineage.source}), without its run folder, so the studio cannot rebuild it; register it with modelbench registry register <run-dir> to bring it here.`);
      return false;
    }),
  }));
  return { ...contents, models };
}

/** Saves one folder version's run as a dataset (found again by fingerprint), a completed run and the next version. */
async function addVersion(db: StudioDb, v: FolderVersion, run: RunFile): Promise<number> {
  const hex = (run.data?.fingerprint ?? run.training.split?.dataFingerprint ?? '').replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${v.record.name} v${v.record.version}: its run.json does not record its training file's fingerprint, so the studio cannot tell which data it trained on; train it again with this version of modelbench.`);
  const inputs = run.fitted.inputSchema.map((c) => ({ name: c.name, type: c.type }));
  const dataName = run.data?.name ?? 'training data';
  const { dataset } = await putDataset(db, { name: dataName, sourceFileName: dataName, fingerprint: hex, schema: inputs, rows: run.data?.rows ?? run.training.split?.dataRows ?? run.fitted.trainRows, columns: inputs.length + 1, profileSummary: null });
  const at = Date.parse(run.createdAt ?? v.record.createdAt) || contextOf(db).now();
  const report = run.training.result?.report;
  const runId = crypto.randomUUID();
  await saveRun(
    db,
    { id: runId, datasetId: dataset.id, recipe: plain(run.recipe), spec: plain(run.spec), seed: run.seed ?? 0, backend: run.backend ?? 'auto', status: 'completed', startedAt: at, endedAt: at, curves: {}, metrics: { ...run.metrics, ...(report ? { evaluation: plain(report) } : {}) }, training: run.training },
    Object.entries(run.studioFiles).map(([name, bytes]) => ({ name, bytes })),
  );
  const version = await registerVersion(db, runId, v.record.name, { tags: { [HASH_TAG]: v.record.contentHash, source: v.record.lineage.source } });
  return version.version;
}

/**
 * Merges a registry folder (its files by path) into the studio by content hash: new versions arrive
 * with their run, dataset and lineage, then the folder's aliases, tags and notes; each registration
 * also gets an `import` audit entry carrying the folder's history of that version.
 */
export async function importRegistryFolder(db: StudioDb, files: Record<string, Uint8Array>, conflicts: 'keep' | 'take', where: string): Promise<RegistryMergeSummary> {
  const problems: string[] = [];
  const contents = readRegistryFiles(files, where);
  problems.push(...contents.problems);
  const incoming = importable(contents, problems);
  const plan = planMerge((await studioRegistry(db)).view, folderView(incoming), { numbering: 'next', conflicts });
  const numbers = new Map<string, number>();
  const key = (model: string, v: number) => `${model}\n${v}`;
  for (const m of plan.same) numbers.set(key(m.model, m.to), m.to);
  const added: RegistryMergeSummary['added'] = [];
  for (const m of plan.add) {
    const v = incoming.models.find((x) => x.model.name === m.model)!.versions.find((x) => x.record.version === m.from)!;
    try {
      const run = readRunFile(runFilesOf(v)!, `${where}: ${m.model} v${m.from}`);
      const to = await addVersion(db, v, run);
      numbers.set(key(m.model, m.to), to);
      added.push({ model: m.model, version: to, from: m.from });
      const history = contents.entries.filter((e) => e.model === m.model && e.version === m.from).map(({ prev: _prev, ...e }) => e);
      const detail = plain({ version: to, from: 'registry folder', folderVersion: m.from, contentHash: v.record.contentHash, registeredAt: v.record.createdAt, registeredBy: v.record.by, lineage: v.record.lineage, history });
      await writeTx(db, ['audit'], `import of ${m.model} v${to}`, (tx) => appendAudit(tx.objectStore('audit'), contextOf(db).now(), 'import', m.model, detail));
    } catch (e) {
      problems.push(`${m.model} v${m.from} was not imported: ${(e as Error).message}`);
    }
  }
  const to = (model: string, v: number) => numbers.get(key(model, v));
  for (const t of plan.tags) if (to(t.model, t.version) !== undefined) await setTag(db, t.model, to(t.model, t.version)!, t.key, t.value);
  for (const n of plan.notes) if (to(n.model, n.version) !== undefined) await setNotes(db, n.model, to(n.model, n.version)!, n.note);
  const aliases: RegistryMergeSummary['aliases'] = [];
  for (const a of plan.aliases) {
    const version = to(a.model, a.version);
    if (version === undefined) continue;
    await setAlias(db, a.model, a.alias, version);
    aliases.push({ model: a.model, alias: a.alias, version });
  }
  return { added, same: plan.same.length, aliases, conflicts: plan.conflicts.map((c) => conflictWords(c, 'the studio', 'the folder')), problems };
}
