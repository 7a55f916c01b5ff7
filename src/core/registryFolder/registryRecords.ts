/** The records of a registry folder: an immutable version and the moving parts of a model. */
import { sha256HexSync } from '../hash';

/** `models/NAME/versions/N/version.json`. Never rewritten once written. */
export interface VersionRecord {
  name: string;
  version: number;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Who registered it (the CI actor or the user). */
  by: string;
  /** SHA-256 of the bundle: the same model registered twice has the same hash, which merges use. */
  contentHash: string;
  /** Every file of the version (relative to its folder) with its SHA-256 and size. */
  files: Record<string, { sha256: string; bytes: number }>;
  task: string;
  target: string;
  metrics: Record<string, number>;
  /** Where it came from: the training data's fingerprint, the run's spec and seed, the pipeline that made it. */
  lineage: { data?: { name: string; fingerprint: string | null; rows: number }; spec?: Record<string, unknown>; seed?: number | null; source: string; pipeline?: string };
}

/** `models/NAME/model.json`: what moves (aliases, tags, notes); every move is also in the audit log. */
export interface ModelRecord {
  name: string;
  aliases: Record<string, number>;
  tags: Record<string, Record<string, string>>;
  notes: Record<string, string>;
}

export const emptyModel = (name: string): ModelRecord => ({ name, aliases: {}, tags: {}, notes: {} });

/** The file hashes of a version, sorted by path so the record reads the same every time. */
export function fileHashes(files: Record<string, Uint8Array>): VersionRecord['files'] {
  return Object.fromEntries(Object.keys(files).sort().map((path) => [path, { sha256: sha256HexSync(files[path]), bytes: files[path].length }]));
}

/** Problems of a version's files against its record: changed, missing or unlisted files. */
export function checkVersionFiles(record: VersionRecord, files: Record<string, Uint8Array>): string[] {
  const problems: string[] = [];
  for (const [path, expected] of Object.entries(record.files)) {
    if (!files[path]) problems.push(`${record.name} v${record.version}: ${path} is listed in version.json but missing.`);
    else if (sha256HexSync(files[path]) !== expected.sha256) problems.push(`${record.name} v${record.version}: ${path} does not match its SHA-256; it was changed after registration.`);
  }
  for (const path of Object.keys(files)) if (!record.files[path]) problems.push(`${record.name} v${record.version}: ${path} is not listed in version.json.`);
  return problems;
}

/** Resolves a version number or alias against the versions a model has; a RangeError names what exists. */
export function resolveRef(model: ModelRecord, versions: number[], ref: number | string | null): number {
  if (versions.length === 0) throw new RangeError(`The model "${model.name}" has no versions yet; register one first.`);
  if (ref === null) return Math.max(...versions);
  if (typeof ref === 'number') {
    if (!versions.includes(ref)) throw new RangeError(`"${model.name}" has no version ${ref}; it has ${versions.sort((a, b) => a - b).join(', ')}.`);
    return ref;
  }
  const v = model.aliases[ref];
  if (v === undefined) {
    const known = Object.keys(model.aliases);
    throw new RangeError(`"${model.name}" has no alias "${ref}"; ${known.length ? `its aliases are ${known.join(', ')}` : 'it has no aliases yet (set one with modelbench registry alias)'}.`);
  }
  return v;
}
