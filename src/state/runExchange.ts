/**
 * A CLI run directory into the registry, and a registered version out as one: both through the one
 * run format (`readRunFile` / `writeRunFile`), so nothing is translated twice.
 */
import { zipSync } from 'fflate';
import type { EpochLog } from '../core/models';
import { readRunFile, type MissingPart, type RunData } from '../core/run';
import { runFolderFiles, versionRunFiles, type Json, type VersionRecord } from '../storage';
import type { Registry } from './registry.svelte';
import { curvesOf } from './registrySink';
import { download } from './explore.svelte';

export { versionRunFiles };

/** What an import registered, and what the run lacks (each part with its sentence). */
export interface RunImport {
  name: string;
  version: number;
  missing: MissingPart[];
}

/** A chosen file: its name, its folder path when a folder was picked, and its bytes. */
export interface ChosenFile {
  name: string;
  /** `webkitRelativePath` (`run-dir/run.json`) when a folder was chosen, else ''. */
  path: string;
  bytes: Uint8Array;
}

/** A model name from a folder or zip name: what registerVersion accepts. */
const modelName = (raw: string) => raw.replace(/\.zip$/i, '').trim().slice(0, 128) || 'cli-run';

/** The run folder's files by name, and the name it gives the model: a zip of the folder, or the folder's own files. */
function chosenRunFiles(chosen: readonly ChosenFile[]): { files: Record<string, Uint8Array>; name: string } {
  if (chosen.length === 0) throw new Error('No files were chosen. Choose the files of a folder written by `modelbench train --out DIR`, or a zip of it.');
  if (chosen.length === 1 && /\.zip$/i.test(chosen[0].name)) return { files: runFolderFiles(chosen[0].bytes), name: modelName(chosen[0].name) };
  const folder = chosen.find((f) => f.path.includes('/'))?.path.split('/')[0] ?? '';
  return { files: Object.fromEntries(chosen.map((f) => [f.name, f.bytes])), name: modelName(folder) };
}

/** The training file's fingerprint as a dataset stores it (64 hex digits), or the message saying why there is none. */
function datasetFingerprint(data: RunData | null, split: { dataFingerprint: string } | null, format: number): string {
  const fingerprint = data?.fingerprint ?? split?.dataFingerprint ?? null;
  const hex = fingerprint?.replace(/^sha256:/, '');
  if (hex && /^[0-9a-f]{64}$/.test(hex)) return hex;
  throw new Error(format === 1
    ? 'This run was written by an older modelbench train (run.json format 1), which did not record its training file\'s fingerprint, so the studio cannot tell which data it trained on. Train it again with this version of modelbench and import the new folder.'
    : 'This run.json does not record its training file\'s fingerprint, so the studio cannot tell which data it trained on; the file is damaged. Copy the folder again from where modelbench train wrote it.');
}

/**
 * Imports a run directory into the registry as the next version of the model named after the
 * folder: its training file as a dataset (the one already stored when the studio opened the same
 * bytes), a completed run with the model's files and training record, and the version.
 */
export async function importRunFiles(registry: Registry, chosen: readonly ChosenFile[]): Promise<RunImport> {
  const { files, name } = chosenRunFiles(chosen);
  const run = readRunFile(files, name === 'cli-run' ? 'This run folder' : `The folder "${name}"`);
  const fingerprint = datasetFingerprint(run.data, run.training.split, run.format);
  const inputs = run.fitted.inputSchema.map((c) => ({ name: c.name, type: c.type }));
  const dataName = run.data?.name ?? 'training data';
  const datasetId = await registry.rememberDataset({
    name: dataName,
    sourceFileName: dataName,
    fingerprint,
    schema: inputs,
    rows: run.data?.rows ?? run.training.split?.dataRows ?? run.fitted.trainRows,
    columns: inputs.length + 1,
    profileSummary: null,
  });
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as Json;
  const runId = await registry.startRun({ datasetId, recipe: plain(run.recipe), spec: plain(run.spec), seed: run.seed ?? 0, backend: run.backend ?? 'auto' });
  const result = run.training.result;
  const saved = await registry.finishRun(
    runId,
    {
      status: 'completed',
      metrics: run.metrics,
      curves: curvesOf((result?.history ?? []) as EpochLog[]),
      ...(run.backend ? { backend: run.backend } : {}),
      ...(result?.report ? { evaluation: plain(result.report) } : {}),
      training: run.training,
    },
    Object.entries(run.studioFiles).map(([file, bytes]) => ({ name: file, bytes })),
  );
  if (!saved) throw new Error('The imported run could not be saved: browser storage is full. Free space, then import it again.');
  const version = await registry.register(runId, name, { tags: { source: 'modelbench train' }, notes: `Imported from a modelbench train folder${run.createdAt ? ` (trained ${run.createdAt.slice(0, 10)})` : ''}.` });
  return { ...version, missing: run.training.missing };
}

/** Downloads a registered version as a zip of a run folder that `modelbench export` and "Import a CLI run" read. */
export async function downloadVersionRun(registry: Registry, version: VersionRecord): Promise<void> {
  const { files, dataset } = await registry.versionFiles(version);
  const folder = `${version.model.replace(/[^A-Za-z0-9._-]+/g, '-')}-v${version.version}`;
  const run = versionRunFiles(version, files, dataset);
  const zip = zipSync(Object.fromEntries(Object.entries(run).map(([name, bytes]) => [`${folder}/${name}`, bytes])));
  download(new Blob([zip as BlobPart], { type: 'application/zip' }), `${folder}.zip`);
}
