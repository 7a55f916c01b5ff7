/**
 * Where each thing lives in a registry folder, and the names it accepts. The folder is plain files
 * that diff well in git and copy well to object storage:
 *
 *   registry.json                          { "format": "modelbench-registry/1" }
 *   audit.ndjson                           append-only, hash-chained log of every change
 *   models/NAME/model.json                 aliases, tags and notes (the parts that move)
 *   models/NAME/versions/N/version.json    immutable: hashes of its files, metrics, lineage
 *   models/NAME/versions/N/bundle.zip      the deployable bundle
 *   models/NAME/versions/N/run/…           the run files (run.json format 2) when registered from a run
 */
export const REGISTRY_FORMAT = 'modelbench-registry/1';
export const REGISTRY_FILE = 'registry.json';
export const AUDIT_FILE = 'audit.ndjson';
export const LOCK_FILE = '.lock';

export const modelFile = (name: string) => `models/${name}/model.json`;
export const versionsDir = (name: string) => `models/${name}/versions`;
export const versionDir = (name: string, version: number) => `models/${name}/versions/${version}`;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Throws a RangeError unless `name` can be a model name, alias or tag key (it becomes a folder or a key). */
export function checkName(name: string, what: 'model name' | 'alias' | 'tag key'): string {
  if (!NAME.test(name) || name === '.' || name === '..') throw new RangeError(`The ${what} "${name}" must start with a letter or digit and hold only letters, digits, '.', '_' and '-' (at most 64).`);
  if (what === 'alias' && /^v?\d+$/.test(name)) throw new RangeError(`The alias "${name}" looks like a version number; choose a word such as champion or staging.`);
  return name;
}

/** A version named on the command line: `churn@3`, `churn@v3`, `churn@champion`, or `churn` alone (the latest). */
export interface VersionRef {
  name: string;
  /** A version number, an alias, or null for the latest version. */
  ref: number | string | null;
}

export function parseVersionRef(text: string): VersionRef {
  const at = text.indexOf('@');
  const name = checkName(at < 0 ? text : text.slice(0, at), 'model name');
  if (at < 0) return { name, ref: null };
  const ref = text.slice(at + 1);
  if (/^v?\d+$/.test(ref)) return { name, ref: Number(ref.replace(/^v/, '')) };
  return { name, ref: checkName(ref, 'alias') };
}
