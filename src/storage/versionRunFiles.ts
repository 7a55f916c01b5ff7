import { modelOfStudioFiles, writeRunFile } from '../core/run';
import type { DatasetRecord, VersionRecord } from './records';

const numbers = (v: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries((v ?? {}) as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'));

/**
 * A registered version as a run directory (run.json format 2 and its model files), by file name:
 * what "Download as a CLI run" zips and what a registry folder export keeps under run/.
 */
export function versionRunFiles(version: VersionRecord, files: Record<string, Uint8Array>, dataset: DatasetRecord | null): Record<string, Uint8Array> {
  const { fitted, model } = modelOfStudioFiles(files, `${version.model} v${version.version}`);
  return writeRunFile({
    createdAt: new Date(version.createdAt).toISOString(),
    data: dataset ? { name: dataset.name, rows: dataset.rows, fingerprint: `sha256:${dataset.fingerprint}` } : null,
    backend: version.backend,
    seed: version.seed,
    spec: version.spec,
    recipe: version.recipe,
    fitted,
    metrics: numbers(version.metrics),
    training: version.training,
    model,
  });
}
