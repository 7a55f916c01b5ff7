/** The studio's stored records (datasets, runs, versions) as the facts the board judges. */
import { kindLabel } from '../models/catalog';
import { formatDate } from '../format';
import type { ProjectFacts } from './types';

/** The fields of the registry's records the board reads. */
export interface StoredRecords {
  datasets: readonly { id: string; name: string; rows: number; columns: number; createdAt: number }[];
  runs: readonly { id: string; datasetId: string; status: string; startedAt: number; endedAt: number | null; recipe: unknown; spec: unknown; metrics: unknown; training?: { baselineMetrics: Record<string, number> | null } }[];
  versions: readonly { id: string; model: string; version: number; runId: string; createdAt: number; latency?: unknown }[];
}

const numbers = (value: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries(value && typeof value === 'object' ? value : {}).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));

function latencyOf(value: unknown): ProjectFacts['versions'][number]['latency'] {
  const l = value as { pass?: unknown; targetP95Ms?: unknown; measuredAt?: unknown } | undefined;
  return l && typeof l.pass === 'boolean' && typeof l.targetP95Ms === 'number' && typeof l.measuredAt === 'string' ? { pass: l.pass, targetP95Ms: l.targetP95Ms, measuredAt: l.measuredAt } : null;
}

export function projectFacts(records: StoredRecords): ProjectFacts {
  return {
    datasets: records.datasets.map(({ id, name, rows, columns, createdAt }) => ({ id, name, rows, columns, createdAt })),
    runs: records.runs.map((r) => {
      const task = (r.recipe as { task?: unknown } | null)?.task;
      const kind = (r.spec as { kind?: unknown } | null)?.kind;
      return {
        id: r.id,
        datasetId: r.datasetId,
        label: `${kindLabel(String(kind ?? 'model'))} run of ${formatDate(r.startedAt, { time: true })}`,
        status: r.status,
        endedAt: r.endedAt,
        task: typeof task === 'string' ? task : null,
        metrics: numbers(r.metrics),
        baselineMetrics: r.training?.baselineMetrics ?? null,
      };
    }),
    versions: records.versions.map((v) => ({ id: v.id, model: v.model, version: v.version, runId: v.runId, createdAt: v.createdAt, latency: latencyOf(v.latency) })),
  };
}
