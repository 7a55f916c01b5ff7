import { unzipChecked, ZipError, type ZipKind } from '../zip';
import { sha256HexSync as sha256Hex } from '../hash';

export const MANIFEST_FORMAT = 'modelbench-bundle/1';

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  model: { name: string; version: string | number };
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Every other file of the bundle: path → SHA-256 (hex) and size in bytes. */
  files: Record<string, { sha256: string; bytes: number }>;
}

export function buildManifest(files: Record<string, Uint8Array>, model: Manifest['model'], createdAt: string): Manifest {
  const entries = Object.keys(files)
    .sort()
    .map((path) => [path, { sha256: sha256Hex(files[path]), bytes: files[path].length }] as const);
  return { format: MANIFEST_FORMAT, model, createdAt, files: Object.fromEntries(entries) };
}

export interface BundleCheck {
  ok: boolean;
  manifest: Manifest | null;
  /** One line per problem: a changed, missing or unlisted file, or an unreadable manifest. */
  problems: string[];
}

const BUNDLE_ZIP: ZipKind = { what: 'bundle', redo: 'export the bundle again with Modelbench' };

/**
 * Unzips a bundle, with the checks a workspace import gets (central directory first: sizes, ratio,
 * file count, paths; nothing inflated from a zip bomb), and checks every file against manifest.json.
 */
export function verifyBundle(zipBytes: Uint8Array): BundleCheck {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipChecked(zipBytes, BUNDLE_ZIP);
  } catch (e) {
    if (e instanceof ZipError) return { ok: false, manifest: null, problems: [e.message] };
    return { ok: false, manifest: null, problems: [`The file is not a readable zip (${(e as Error).message}); download the bundle again.`] };
  }
  if (!files['manifest.json']) return { ok: false, manifest: null, problems: ['The bundle has no manifest.json; it was not written by Modelbench or was repacked.'] };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Manifest;
  } catch (e) {
    return { ok: false, manifest: null, problems: [`manifest.json is not valid JSON (${(e as Error).message}).`] };
  }
  if (manifest.format !== MANIFEST_FORMAT) return { ok: false, manifest, problems: [`manifest.json has format '${manifest.format}', expected '${MANIFEST_FORMAT}'.`] };
  const problems: string[] = [];
  for (const [path, expected] of Object.entries(manifest.files)) {
    const bytes = files[path];
    if (!bytes) problems.push(`${path} is listed in manifest.json but missing from the zip.`);
    else if (sha256Hex(bytes) !== expected.sha256) problems.push(`${path} does not match its SHA-256 in manifest.json; it was changed after export.`);
  }
  for (const path of Object.keys(files)) {
    if (path !== 'manifest.json' && !manifest.files[path]) problems.push(`${path} is in the zip but not in manifest.json.`);
  }
  return { ok: problems.length === 0, manifest, problems };
}
