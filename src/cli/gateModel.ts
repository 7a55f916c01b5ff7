/**
 * A model named on `modelbench gate`'s command line, loaded as a verified bundle with its scorer
 * imported: a bundle zip, an unzipped bundle folder, a run directory (bundled in memory, as
 * `modelbench export` would), or `name@version`/`name@alias` in the registry folder of `--registry`.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import { requiredInputs, verifyBundle, type Preprocess, type RowPrediction } from '../core/deploy';
import { bundleOfRun } from './runBundle';
import { readRunDirectory } from './readRunDirectory';
import { resolveRegistryVersion } from './registryStore';

export interface GateModelFile {
  name: string;
  zip: Uint8Array;
  preprocess: Preprocess;
  inputs: string[];
  /** The bundle's model.sql (DuckDB dialect, over a table named `input`), or why it has none. */
  sql: string | { unavailable: string };
  predict(rows: Record<string, unknown>[]): RowPrediction[];
  predictOne(row: Record<string, unknown>): RowPrediction;
}

async function folderFiles(dir: string, root = dir): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, await folderFiles(path, root));
    else out[relative(root, path).split('\\').join('/')] = new Uint8Array(await readFile(path));
  }
  return out;
}

/** The bundle zip behind `spec`; a RangeError says what was expected when it is none of them. */
async function bundleBytes(spec: string, role: string, registry: string | undefined): Promise<{ zip: Uint8Array; label: string }> {
  const kind = await stat(spec).then((s) => (s.isDirectory() ? 'dir' : 'file')).catch(() => null);
  if (!kind) {
    if (registry && /^[^/\\@]+@[^/\\@]+$/.test(spec)) {
      const found = await resolveRegistryVersion(registry, spec);
      return { zip: new Uint8Array(await readFile(found.bundle)), label: `${found.name} v${found.version}` };
    }
    const hint = registry ? '' : ' (a registry version such as churn@champion needs --registry DIR)';
    throw new RangeError(`--${role} ${spec}: there is no such file or folder${hint}. Give a bundle (.zip or its unzipped folder), a run directory, or name@version with --registry.`);
  }
  if (kind === 'file') return { zip: new Uint8Array(await readFile(spec)), label: basename(spec) };
  const names = await readdir(spec);
  if (names.includes('manifest.json')) return { zip: zipSync(await folderFiles(spec)), label: basename(resolve(spec)) };
  if (names.includes('run.json')) {
    const name = basename(resolve(spec));
    return { zip: bundleOfRun(await readRunDirectory(spec), name, 1), label: name };
  }
  throw new RangeError(`--${role} ${spec} is a folder with neither manifest.json (an unzipped bundle) nor run.json (a run directory from modelbench train).`);
}

/** Loads, verifies and imports the scorer of the model `spec`; `dir` is a scratch folder for scorer.mjs. */
export async function loadGateModel(spec: string, role: 'champion' | 'challenger', dir: string, registry?: string): Promise<GateModelFile> {
  const { zip, label } = await bundleBytes(spec, role, registry);
  const check = verifyBundle(zip);
  if (!check.ok) throw new RangeError(`--${role} ${spec} is not a sound bundle:\n  ${check.problems.join('\n  ')}\nExport it again with modelbench export.`);
  const files = unzipSync(zip);
  const preprocess = JSON.parse(new TextDecoder().decode(files['preprocess.json'])) as Preprocess;
  const path = join(dir, `${role}.mjs`);
  await writeFile(path, files['scorer.mjs']);
  const scorer = (await import(pathToFileURL(path).href)) as { predict(rows: unknown[]): RowPrediction[]; predictOne(row: unknown): RowPrediction };
  const model = check.manifest?.model;
  return {
    name: model && label.endsWith('.zip') ? `${model.name} v${model.version}` : label,
    zip,
    preprocess,
    inputs: requiredInputs(preprocess).map((c) => c.name),
    sql: files['model.sql'] ? new TextDecoder().decode(files['model.sql']) : { unavailable: 'the bundle has no model.sql (its model card says why)' },
    predict: (rows) => scorer.predict(rows),
    predictOne: (row) => scorer.predictOne(row),
  };
}
