/** Reading and writing a registry folder through the pure layout and records of core/registryFolder. */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../core/deploy';
import {
  AUDIT_FILE, REGISTRY_FILE, REGISTRY_FORMAT, auditLine, checkVersionFiles, emptyModel, fileHashes, modelFile, parseVersionRef, resolveRef, versionDir, versionsDir,
  type AuditEntry, type ModelRecord, type VersionRecord,
} from '../core/registryFolder';
import { atomicWrite, withRegistryLock } from './registryFiles';

/** Who made a change: the CI actor when there is one, else the user. */
export const actor = () => process.env.GITHUB_ACTOR ?? process.env.GITLAB_USER_LOGIN ?? userInfo().username;

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

/** Checks that `dir` is a registry folder; with `create`, makes an empty or missing folder one. */
export async function openRegistry(dir: string, create = false): Promise<void> {
  const marker = join(dir, REGISTRY_FILE);
  const format = await readJson<{ format?: string }>(marker).then((r) => r.format).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ENOTDIR' ? null : 'unreadable'));
  if (format === REGISTRY_FORMAT) return;
  if (format !== null) throw new RangeError(`${marker} is not a ${REGISTRY_FORMAT} marker (${format}); point --registry at a registry folder.`);
  const entries = await readdir(dir).catch(() => null);
  if (!create) throw new RangeError(`${dir} is not a registry folder (it has no ${REGISTRY_FILE}); register a version into it first, or check --registry.`);
  if (entries && entries.some((e) => e !== '.lock' && !e.startsWith('.'))) throw new RangeError(`${dir} is not empty and not a registry folder (no ${REGISTRY_FILE}); choose an empty or new folder for a registry.`);
  await mkdir(dir, { recursive: true });
  await atomicWrite(marker, `${JSON.stringify({ format: REGISTRY_FORMAT }, null, 1)}\n`);
}

export async function modelNames(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'models')).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
}

export async function readModel(dir: string, name: string): Promise<ModelRecord> {
  return readJson<ModelRecord>(join(dir, modelFile(name))).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return emptyModel(name);
    throw e;
  });
}

export async function versionNumbers(dir: string, name: string): Promise<number[]> {
  const names = await readdir(join(dir, versionsDir(name))).catch(() => [] as string[]);
  return names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
}

export const readVersion = (dir: string, name: string, version: number) => readJson<VersionRecord>(join(dir, versionDir(name, version), 'version.json'));

/** `name`, `name@3` or `name@alias` to its version record, the bundle's path checked against its hash. */
export async function resolveRegistryVersion(dir: string, text: string): Promise<VersionRecord & { bundle: string }> {
  await openRegistry(dir);
  const { name, ref } = parseVersionRef(text);
  const versions = await versionNumbers(dir, name);
  if (versions.length === 0) throw new RangeError(`The registry ${dir} has no model "${name}"${(await modelNames(dir)).length ? `; it has ${(await modelNames(dir)).join(', ')}` : ''}.`);
  const version = resolveRef(await readModel(dir, name), versions, ref);
  const record = await readVersion(dir, name, version);
  const bundle = join(dir, versionDir(name, version), 'bundle.zip');
  if (sha256Hex(new Uint8Array(await readFile(bundle))) !== record.files['bundle.zip']?.sha256) throw new RangeError(`${bundle} does not match the SHA-256 in its version.json; it was changed after registration. Register the model again.`);
  return { ...record, bundle };
}

/** Appends one hash-chained line to the audit log; call it holding the lock. */
export async function appendAudit(dir: string, entry: Omit<AuditEntry, 'prev' | 'at' | 'by'> & { by?: string }): Promise<void> {
  const path = join(dir, AUDIT_FILE);
  const log = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '' : Promise.reject(e)));
  await appendFile(path, auditLine(log, { at: new Date().toISOString(), by: actor(), ...entry }));
}

/** What `register` stores; files are relative to the version's folder (bundle.zip, run/run.json…). */
export interface NewVersion {
  name: string;
  /** The version's files for the number it gets (bundle.zip, run/…); built under the lock so the bundle names its version. */
  files: (version: number) => Record<string, Uint8Array>;
  task: string;
  target: string;
  metrics: Record<string, number>;
  lineage: VersionRecord['lineage'];
  alias?: string;
  tags?: Record<string, string>;
  note?: string;
}

/**
 * Registers a version: its files go to a hidden folder renamed into place (a reader sees the whole
 * version or none), then the model record and the audit log are updated, all under the lock.
 */
export async function registerVersion(dir: string, input: NewVersion): Promise<VersionRecord> {
  // The folder is made a registry under the lock, so a second writer never sees it half made.
  await mkdir(dir, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'EEXIST' || e.code === 'ENOTDIR' ? new RangeError(`--registry ${dir} is a file, not a folder; name a folder for the registry.`) : e;
  });
  return withRegistryLock(dir, async () => {
    await openRegistry(dir, true);
    const versions = await versionNumbers(dir, input.name);
    const version = (versions.at(-1) ?? 0) + 1;
    const files = input.files(version);
    const contentHash = sha256Hex(files['bundle.zip']);
    for (const v of versions) {
      const existing = await readVersion(dir, input.name, v);
      if (existing.contentHash === contentHash) throw new RangeError(`This bundle is already registered as ${input.name} v${v} (same SHA-256); move an alias to it instead of registering it again.`);
    }
    const record: VersionRecord = { name: input.name, version, createdAt: new Date().toISOString(), by: actor(), contentHash, files: fileHashes(files), task: input.task, target: input.target, metrics: input.metrics, lineage: input.lineage };
    const staging = join(dir, versionsDir(input.name), `.incoming-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      for (const [path, bytes] of Object.entries(files)) {
        await mkdir(join(staging, path, '..'), { recursive: true });
        await writeFile(join(staging, path), bytes);
      }
      await writeFile(join(staging, 'version.json'), `${JSON.stringify(record, null, 1)}\n`);
      await rename(staging, join(dir, versionDir(input.name, version)));
    } catch (e) {
      await rm(staging, { recursive: true, force: true });
      throw e;
    }
    await appendAudit(dir, { action: 'register', model: input.name, version, detail: { contentHash, source: input.lineage.source } });
    const model = await readModel(dir, input.name);
    if (input.tags && Object.keys(input.tags).length) model.tags[version] = { ...model.tags[version], ...input.tags };
    if (input.note) model.notes[version] = input.note;
    if (input.tags && Object.keys(input.tags).length) await appendAudit(dir, { action: 'tag', model: input.name, version, detail: { tags: input.tags } });
    if (input.note) await appendAudit(dir, { action: 'note', model: input.name, version, detail: { note: input.note } });
    if (input.alias) {
      await appendAudit(dir, { action: 'alias', model: input.name, version, alias: input.alias, from: model.aliases[input.alias] ?? null });
      model.aliases[input.alias] = version;
    }
    await atomicWrite(join(dir, modelFile(input.name)), `${JSON.stringify(model, null, 1)}\n`);
    return record;
  });
}

/** Changes a model's aliases, tags or notes under the lock, logging the change first. */
export async function updateModel(dir: string, text: string, change: (model: ModelRecord, version: number) => Omit<AuditEntry, 'prev' | 'at' | 'by' | 'model' | 'version'>): Promise<{ model: ModelRecord; version: number }> {
  await openRegistry(dir);
  return withRegistryLock(dir, async () => {
    const { name, ref } = parseVersionRef(text);
    const versions = await versionNumbers(dir, name);
    if (versions.length === 0) throw new RangeError(`The registry ${dir} has no model "${name}"; register a version first.`);
    const model = await readModel(dir, name);
    const version = resolveRef(model, versions, ref);
    const entry = change(model, version);
    await appendAudit(dir, { ...entry, model: name, version });
    await atomicWrite(join(dir, modelFile(name)), `${JSON.stringify(model, null, 1)}\n`);
    return { model, version };
  });
}

/** Every file of a version checked against its version.json. */
export async function verifyVersion(dir: string, record: VersionRecord): Promise<string[]> {
  const root = join(dir, versionDir(record.name, record.version));
  const files: Record<string, Uint8Array> = {};
  const walk = async (sub: string): Promise<void> => {
    for (const e of await readdir(join(root, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (rel !== 'version.json') files[rel] = new Uint8Array(await readFile(join(root, rel)));
    }
  };
  await walk('');
  return checkVersionFiles(record, files);
}

export const isDirectory = (path: string) => stat(path).then((s) => s.isDirectory()).catch(() => false);
