/**
 * A registry folder read from its files by path (picked with the File System Access API or unzipped),
 * checked as the CLI checks it: the format marker, each version's files against their SHA-256, the
 * audit log's hash chain. A version that fails a check is left out with a sentence saying why.
 */
import { readAuditLog, type AuditEntry } from './auditLog';
import { AUDIT_FILE, REGISTRY_FILE, REGISTRY_FORMAT, checkName } from './registryLayout';
import { checkVersionFiles, emptyModel, type ModelRecord, type VersionRecord } from './registryRecords';
import type { ViewModel } from './planMerge';

export interface FolderVersion {
  record: VersionRecord;
  /** Its files relative to its folder (bundle.zip, run/run.json…), version.json aside; empty when read without them. */
  files: Record<string, Uint8Array>;
}

export interface RegistryContents {
  models: { model: ModelRecord; versions: FolderVersion[] }[];
  /** audit.ndjson as it is, so a writer appends to it. */
  log: string;
  entries: AuditEntry[];
  /** Versions left out and log lines that break the chain, each with its reason. */
  problems: string[];
}

/** The files are not a registry folder at all. */
export class RegistryFolderError extends RangeError {
  override name = 'RegistryFolderError';
}

const decoder = new TextDecoder();
const json = <T>(bytes: Uint8Array): T => JSON.parse(decoder.decode(bytes)) as T;

/** The folder inside a zip (`registry/`) or '' when registry.json is at the top. */
function rootOf(paths: string[], where: string): string {
  const markers = paths.filter((p) => p === REGISTRY_FILE || (p.endsWith(`/${REGISTRY_FILE}`) && p.split('/').length === 2));
  if (markers.length === 0) throw new RegistryFolderError(`${where} is not a registry folder: it has no ${REGISTRY_FILE} at its top. Choose the folder given to modelbench registry --registry, or a zip of it.`);
  if (markers.length > 1) throw new RegistryFolderError(`${where} holds ${markers.length} registry folders (${markers.join(', ')}); choose one of them.`);
  return markers[0].slice(0, -REGISTRY_FILE.length);
}

/**
 * Reads a registry folder from `files` (paths relative to the folder or to a zip holding it). With
 * `verify` false, only the records are read (writing beside an existing folder needs no bundles).
 */
export function readRegistryFiles(files: Record<string, Uint8Array>, where: string, verify = true): RegistryContents {
  const root = rootOf(Object.keys(files), where);
  let format: unknown;
  try {
    format = json<{ format?: unknown }>(files[`${root}${REGISTRY_FILE}`]).format;
  } catch {
    format = 'not JSON';
  }
  if (format !== REGISTRY_FORMAT) throw new RegistryFolderError(`${where}: ${REGISTRY_FILE} says ${JSON.stringify(format)}, not ${REGISTRY_FORMAT}; this is not a folder modelbench registry wrote, or a newer one. Update modelbench, or choose another folder.`);
  const problems: string[] = [];
  const grouped = new Map<string, Map<number, Record<string, Uint8Array>>>();
  for (const [path, bytes] of Object.entries(files)) {
    if (!path.startsWith(`${root}models/`)) continue;
    const m = /^models\/([^/]+)\/versions\/(\d+)\/(.+)$/.exec(path.slice(root.length));
    if (!m) continue;
    const versions = grouped.get(m[1]) ?? new Map<number, Record<string, Uint8Array>>();
    grouped.set(m[1], versions);
    versions.set(Number(m[2]), { ...versions.get(Number(m[2])), [m[3]]: bytes });
  }
  const modelNames = Object.keys(files).map((p) => (p.startsWith(root) ? /^models\/([^/]+)\/model\.json$/.exec(p.slice(root.length))?.[1] : undefined));
  const names = new Set([...grouped.keys(), ...modelNames.filter((n): n is string => n !== undefined)]);
  const models: RegistryContents['models'] = [];
  for (const name of [...names].sort()) {
    try {
      checkName(name, 'model name');
    } catch (e) {
      problems.push(`models/${name} was left out: ${(e as Error).message}`);
      continue;
    }
    const modelPath = `${root}models/${name}/model.json`;
    let model = emptyModel(name);
    if (files[modelPath]) {
      try {
        model = { ...emptyModel(name), ...json<ModelRecord>(files[modelPath]), name };
      } catch {
        problems.push(`models/${name}/model.json is not JSON, so ${name}'s aliases, tags and notes were left out; restore it from version control.`);
      }
    }
    const versions: FolderVersion[] = [];
    for (const [number, versionFiles] of [...(grouped.get(name) ?? new Map<number, Record<string, Uint8Array>>())].sort((a, b) => a[0] - b[0])) {
      const { 'version.json': recordBytes, ...rest } = versionFiles;
      const at = `models/${name}/versions/${number}`;
      if (!recordBytes) {
        problems.push(`${at} has no version.json, so it was left out; a registration was cut short there. Register that version again.`);
        continue;
      }
      let record: VersionRecord;
      try {
        record = json<VersionRecord>(recordBytes);
      } catch {
        problems.push(`${at}/version.json is not JSON, so ${name} v${number} was left out; restore it from version control.`);
        continue;
      }
      if (record.name !== name || record.version !== number || typeof record.contentHash !== 'string') {
        problems.push(`${at}/version.json describes ${record.name} v${record.version}, not ${name} v${number}, so it was left out; the folder was moved by hand.`);
        continue;
      }
      const broken = verify ? checkVersionFiles(record, rest) : [];
      if (broken.length) {
        problems.push(`${name} v${number} was left out: ${broken.map((p) => p.replace(`${name} v${number}: `, '')).join(' ')}`);
        continue;
      }
      versions.push({ record, files: rest });
    }
    models.push({ model, versions });
  }
  const log = files[`${root}${AUDIT_FILE}`] ? decoder.decode(files[`${root}${AUDIT_FILE}`]) : '';
  const { entries, problems: logProblems } = readAuditLog(log);
  return { models, log, entries, problems: [...problems, ...logProblems] };
}

/** The folder as a merge sees it: each version by its content hash, with aliases, tags and notes. */
export function folderView(contents: RegistryContents): ViewModel[] {
  return contents.models.map(({ model, versions }) => {
    const numbers = versions.map((v) => v.record.version);
    const known = (key: string) => numbers.includes(Number(key));
    return {
      name: model.name,
      lastVersion: Math.max(0, ...numbers),
      versions: versions.map((v) => ({ version: v.record.version, contentHash: v.record.contentHash })),
      aliases: Object.fromEntries(Object.entries(model.aliases).filter(([, v]) => numbers.includes(v))),
      tags: Object.fromEntries(Object.entries(model.tags).filter(([v]) => known(v))),
      notes: Object.fromEntries(Object.entries(model.notes).filter(([v]) => known(v))),
    };
  });
}
