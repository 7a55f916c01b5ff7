/** The bundle of a run read back by `readRunFile`, built the same way by the CLI and the studio's folder export. */
import { buildBundle, type BundleInput } from '../deploy';
import type { RunFile } from '../run';

/** The bundle's model from a run's model files. */
export function bundleModel(run: RunFile): BundleInput['model'] {
  const m = run.model;
  if (m.kind === 'tf') return { kind: 'tf', modelKind: m.modelKind, files: m.files };
  return m.kind === 'trees' ? { kind: 'trees', ensemble: m } : { kind: 'baseline', baseline: m };
}

/**
 * The bundle zip of a run (without a latency measurement). With `createdAt` the bytes are a function
 * of the run, name and version, so exporting the same version twice gives the same content hash.
 */
export function bundleOfRun(run: RunFile, name: string, version: number | string, createdAt?: string): Uint8Array {
  return buildBundle({
    name,
    version,
    fitted: run.fitted,
    model: bundleModel(run),
    metrics: run.metrics,
    ...(createdAt ? { createdAt } : {}),
    ...(run.training.baselineMetrics ? { baselineMetrics: run.training.baselineMetrics } : {}),
    ...run.summaries,
    ...(run.data ? { data: { name: run.data.name, rows: run.data.rows, fingerprint: run.data.fingerprint ?? '' } } : {}),
  }).zip;
}
