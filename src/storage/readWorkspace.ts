import { unzipSync } from 'fflate';
import { WorkspaceError } from './errors';
import { Fields, bad } from './fields';
import { sha256Hex } from './fingerprint';
import {
  normaliseAlias,
  normaliseAudit,
  normaliseBlob,
  normaliseDataset,
  normaliseModel,
  normaliseRun,
  normaliseVersion,
  completeVersion,
} from './normalise';
import { readProject, ProjectError } from '../core/project';
import { DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits } from './zipCheck';
import { WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION, blobPath, type WorkspaceJson } from './workspace';

/** A workspace file, fully checked: every record normalised, every file's hash verified. */
export interface CheckedWorkspace {
  json: WorkspaceJson;
  /** Blob bytes by blob id. */
  blobs: Map<string, Uint8Array>;
}

/**
 * Validates a workspace zip without touching any database: limits from the central directory
 * first (no inflation), then the manifest's hashes, then the shape of every record and the
 * references between them. Throws `WorkspaceError` naming the first problem.
 */
export async function readWorkspace(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<CheckedWorkspace> {
  const declared = inspectZip(bytes, limits);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw damaged(`its contents do not inflate (${(error as Error).message})`);
  }
  for (const entry of declared) {
    if (files[entry.name]?.length !== entry.size) throw damaged(`"${entry.name}" inflates to a different size than its header declares`);
  }
  const manifest = new Fields(parseJson(files, 'manifest.json'), 'manifest.json:');
  if (manifest.str('format', 100) !== WORKSPACE_FORMAT) throw damaged('manifest.json does not name the modelbench-workspace format');
  const version = manifest.num('formatVersion', { integer: true, min: 1 });
  if (version > WORKSPACE_FORMAT_VERSION) {
    throw new WorkspaceError(`This workspace was written in format ${version}; this Modelbench reads up to ${WORKSPACE_FORMAT_VERSION}. Update Modelbench, then import it again.`);
  }
  const listed = manifest.entries('files');
  const present = Object.keys(files).filter((n) => n !== 'manifest.json');
  for (const name of present) if (!listed.some(([n]) => n === name)) throw damaged(`"${name}" is in the zip but not in manifest.json`);
  for (const [name, value] of listed) {
    const entry = new Fields(value, `manifest.json: files["${name}"]`);
    const file = Object.prototype.hasOwnProperty.call(files, name) ? files[name] : undefined;
    if (!file) throw damaged(`manifest.json lists "${name}", which is missing`);
    const expected = entry.str('sha256', 64);
    if (entry.num('bytes') !== file.length || (await sha256Hex(file)) !== expected) {
      throw damaged(`"${name}" does not match the SHA-256 recorded in manifest.json (it was changed after export)`);
    }
  }
  const json = normaliseWorkspace(parseJson(files, 'workspace.json'));
  const blobs = new Map<string, Uint8Array>();
  for (const [i, blob] of json.blobs.entries()) {
    const file = files[blobPath(blob.id)];
    if (!file) throw damaged(`workspace.json: blobs[${i}] has no file ${blobPath(blob.id)}`);
    if (file.length !== blob.byteLength || (await sha256Hex(file)) !== blob.sha256) {
      throw damaged(`${blobPath(blob.id)} does not match the size or SHA-256 recorded for it in workspace.json`);
    }
    blobs.set(blob.id, file);
  }
  checkReferences(json);
  return { json, blobs };
}

function normaliseWorkspace(value: unknown): WorkspaceJson {
  const f = new Fields(value, 'workspace.json:');
  const datasets = f.array('datasets', normaliseDataset);
  const runs = f.array('runs', normaliseRun);
  return {
    datasets,
    runs,
    models: f.array('models', normaliseModel),
    versions: f.array('versions', normaliseVersion).map((v) => completeVersion(v, runs, datasets)),
    aliases: f.array('aliases', normaliseAlias),
    audit: f.array('audit', normaliseAudit),
    blobs: f.array('blobs', normaliseBlob),
    projects: readProjects(value),
  };
}

/** Every reference inside the file resolves inside the file, except runs' datasets and versions' runs, which may already be stored. */
function checkReferences(json: WorkspaceJson): void {
  const blobIds = new Set(json.blobs.map((b) => b.id));
  unique(json.blobs.map((b) => b.id), 'blobs');
  unique(json.runs.map((r) => r.id), 'runs');
  unique(json.datasets.map((d) => d.id), 'datasets');
  unique(json.versions.map((v) => v.id), 'versions');
  unique((json.projects ?? []).map((p) => p.id), 'projects');
  unique(json.versions.map((v) => `${v.model} v${v.version}`), 'versions');
  json.runs.forEach((r, i) => r.artifactIds.forEach((id) => blobIds.has(id) || bad(`workspace.json: runs[${i}].artifactIds`, id, 'an id listed in blobs')));
  json.datasets.forEach((d, i) => d.blobId === undefined || blobIds.has(d.blobId) || bad(`workspace.json: datasets[${i}].blobId`, d.blobId, 'an id listed in blobs'));
  const versions = new Set(json.versions.map((v) => `${v.model}\u0000${v.version}`));
  json.aliases.forEach((a, i) => versions.has(`${a.model}\u0000${a.version}`) || bad(`workspace.json: aliases[${i}]`, a, 'an alias of a version in the file'));
}

function readProjects(value: unknown): WorkspaceJson['projects'] {
  const list = (value as { projects?: unknown }).projects;
  if (list === undefined) return [];
  if (!Array.isArray(list)) bad('workspace.json: projects', list, 'an array of projects');
  try {
    return list.map((p, i) => readProject(p, `workspace.json: projects[${i}]`));
  } catch (error) {
    if (error instanceof ProjectError) throw new WorkspaceError(`This workspace file cannot be imported: ${error.message} Nothing was changed.`);
    throw error;
  }
}

function unique(ids: string[], list: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) bad(`workspace.json: ${list}`, id, 'each entry once');
    seen.add(id);
  }
}

function parseJson(files: Record<string, Uint8Array>, name: string): unknown {
  const file = Object.prototype.hasOwnProperty.call(files, name) ? files[name] : undefined;
  if (!file) throw damaged(`it has no ${name}`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file));
  } catch {
    throw damaged(`${name} is not valid UTF-8 JSON`);
  }
}

function damaged(reason: string): WorkspaceError {
  return new WorkspaceError(`This workspace file cannot be imported: ${reason}. Nothing was changed; export the workspace again from Modelbench.`);
}
