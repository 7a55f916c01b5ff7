/**
 * What a merge into a registry folder writes: each new version's files and version.json, the model
 * records it changes, and audit.ndjson with one hash-chained line per change appended.
 */
import { sha256HexSync } from '../hash';
import { readRunFile } from '../run';
import { auditLine, type AuditEntry } from './auditLog';
import type { MergePlan } from './planMerge';
import type { RegistryContents } from './readRegistryFiles';
import { AUDIT_FILE, REGISTRY_FILE, REGISTRY_FORMAT, modelFile, versionDir } from './registryLayout';
import { emptyModel, fileHashes, type ModelRecord, type VersionRecord } from './registryRecords';
import { bundleOfRun } from './runBundle';

const RUN_FILE = /^(run\.json|model\.json|weights\.bin|trees\.json|baseline\.json)$/;

/** A version to add: its run files (the one run format) and where it came from. */
export interface VersionSource {
  name: string;
  version: number;
  /** ISO 8601 UTC: when it was first registered; it also fixes the bundle's bytes. */
  createdAt: string;
  by: string;
  source: string;
  runFiles: Record<string, Uint8Array>;
}

/** A version's folder files and record, as `modelbench registry register` writes them for a run directory. */
export function folderVersionOf(input: VersionSource): { record: VersionRecord; files: Record<string, Uint8Array> } {
  const run = readRunFile(input.runFiles, `${input.name} v${input.version}`);
  const bundle = bundleOfRun(run, input.name, input.version, input.createdAt);
  const files: Record<string, Uint8Array> = { 'bundle.zip': bundle };
  for (const [name, bytes] of Object.entries(input.runFiles)) if (RUN_FILE.test(name)) files[`run/${name}`] = bytes;
  const data = run.data ? { data: { name: run.data.name, fingerprint: run.data.fingerprint ?? null, rows: run.data.rows } } : {};
  const record: VersionRecord = {
    name: input.name,
    version: input.version,
    createdAt: input.createdAt,
    by: input.by,
    contentHash: sha256HexSync(bundle),
    files: fileHashes(files),
    task: run.fitted.task,
    target: run.fitted.target,
    metrics: run.metrics,
    lineage: { source: input.source, spec: run.spec, seed: run.seed, ...data },
  };
  return { record, files };
}

const encoder = new TextEncoder();
const text = (value: unknown) => encoder.encode(`${JSON.stringify(value, null, 1)}\n`);

/**
 * The files to write (path → bytes) for `plan` into the folder `existing` (null: a new folder).
 * `added` holds the new versions under their target numbers, each with what its own registry recorded
 * about it (carried in its register line); `at` and `by` stamp the audit lines.
 */
export function folderWrites(existing: RegistryContents | null, plan: MergePlan, added: { record: VersionRecord; files: Record<string, Uint8Array>; history: unknown[] }[], at: string, by: string): Record<string, Uint8Array> {
  const writes: Record<string, Uint8Array> = {};
  if (!existing) writes[REGISTRY_FILE] = text({ format: REGISTRY_FORMAT });
  let log = existing?.log ?? '';
  const append = (entry: Omit<AuditEntry, 'prev' | 'at' | 'by'>) => (log += auditLine(log, { at, by, ...entry }));
  for (const { record, files, history } of added) {
    const dir = versionDir(record.name, record.version);
    for (const [path, bytes] of Object.entries(files)) writes[`${dir}/${path}`] = bytes;
    writes[`${dir}/version.json`] = text(record);
    append({ action: 'register', model: record.name, version: record.version, detail: { contentHash: record.contentHash, source: record.lineage.source, registeredAt: record.createdAt, registeredBy: record.by, history } });
  }
  const models = new Map<string, ModelRecord>();
  const model = (name: string) => {
    const found = models.get(name) ?? structuredClone(existing?.models.find((m) => m.model.name === name)?.model ?? emptyModel(name));
    models.set(name, found);
    return found;
  };
  for (const { model: name, version, key, value } of plan.tags) {
    const m = model(name);
    m.tags[version] = { ...m.tags[version], [key]: value };
    append({ action: 'tag', model: name, version, detail: { tags: { [key]: value } } });
  }
  for (const { model: name, version, note } of plan.notes) {
    model(name).notes[version] = note;
    append({ action: 'note', model: name, version, detail: { note } });
  }
  for (const { model: name, alias, version, previous } of plan.aliases) {
    model(name).aliases[alias] = version;
    append({ action: 'alias', model: name, version, alias, from: previous });
  }
  for (const { record } of added) model(record.name);
  for (const [name, m] of models) writes[modelFile(name)] = text(m);
  if (log !== (existing?.log ?? '')) writes[AUDIT_FILE] = encoder.encode(log);
  return writes;
}
