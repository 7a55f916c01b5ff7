import { buildBundle } from '../core/deploy';
import type { RunFile } from '../core/run';
import { bundleModel } from './export';

/**
 * The bundle of a run read from a run directory, built in memory as `modelbench export` builds it
 * (without its latency measurement), for `gate` and `registry register`.
 */
export function bundleOfRun(run: RunFile, name: string, version: number | string): Uint8Array {
  return buildBundle({
    name,
    version,
    fitted: run.fitted,
    model: bundleModel(run),
    metrics: run.metrics,
    ...(run.training.baselineMetrics ? { baselineMetrics: run.training.baselineMetrics } : {}),
    ...run.summaries,
    ...(run.data ? { data: { name: run.data.name, rows: run.data.rows, fingerprint: run.data.fingerprint ?? '' } } : {}),
  }).zip;
}
