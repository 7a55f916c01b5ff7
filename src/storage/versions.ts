import type { StudioDb } from './db';
import type { VersionRecord } from './records';
import { contextOf } from './context';
import { NotFoundError, StorageInputError } from './errors';
import { appendAudit } from './audit';
import { normaliseTags } from './tags';
import { notifyChange } from './changes';
import { readTx, writeTx } from './transact';
import { backendOf, trainingOf } from './training';

/** Longest model name accepted. */
export const MAX_MODEL_NAME = 128;

/** Optional annotations given at registration. */
export interface RegisterOptions {
  tags?: Record<string, string> | Iterable<readonly [string, string]>;
  notes?: string;
}

/**
 * Registers completed run `runId` as the next version (1, 2, 3…) of `modelName`, creating the
 * model on first use. The version copies everything the run kept (recipe, spec, seed, backend,
 * metrics, training record, artifact ids) and never changes it afterwards.
 */
export async function registerVersion(
  db: StudioDb,
  runId: string,
  modelName: string,
  options: RegisterOptions = {},
): Promise<VersionRecord> {
  const model = checkModelName(modelName);
  const tags = normaliseTags(options.tags);
  const now = contextOf(db).now();
  const version = await writeTx(db, ['datasets', 'runs', 'models', 'versions', 'audit'], `version of model "${model}"`, async (tx) => {
    const run = await tx.objectStore('runs').get(runId);
    if (!run) throw new NotFoundError(`No run has id "${runId}"; register a run listed by listRuns().`);
    if (run.status !== 'completed') {
      throw new StorageInputError(`Run "${runId}" is ${run.status}; only a completed run can be registered as a model version.`);
    }
    const dataset = run.training ? undefined : await tx.objectStore('datasets').get(run.datasetId);
    const models = tx.objectStore('models');
    const existing = await models.get(model);
    const number = (existing?.lastVersion ?? 0) + 1;
    await models.put({ name: model, createdAt: existing?.createdAt ?? now, lastVersion: number });
    const record: VersionRecord = {
      id: crypto.randomUUID(),
      model,
      version: number,
      runId,
      createdAt: now,
      metrics: run.metrics,
      recipe: run.recipe,
      spec: run.spec,
      seed: run.seed,
      backend: backendOf(run),
      training: trainingOf(run, dataset),
      artifactIds: [...run.artifactIds],
      tags,
      notes: options.notes ?? '',
    };
    await tx.objectStore('versions').add(record);
    await appendAudit(tx.objectStore('audit'), now, 'register', model, { version: number, runId, versionId: record.id });
    return record;
  });
  notifyChange(db, { kind: 'version', verb: 'registerVersion', ids: [model] });
  return version;
}

/** A model name with its versions' count, latest number and aliases. */
export interface ModelSummary {
  name: string;
  createdAt: number;
  versionCount: number;
  latestVersion: number | null;
  /** Alias → version. */
  aliases: Record<string, number>;
}

/** Every registered model, by name. */
export async function listModels(db: StudioDb): Promise<ModelSummary[]> {
  return readTx(db, ['models', 'versions', 'aliases'], async (tx) => {
    const out: ModelSummary[] = [];
    for (const m of await tx.objectStore('models').getAll()) {
      const numbers = (await tx.objectStore('versions').index('by-model').getAll(m.name)).map((v) => v.version);
      const aliases: Record<string, number> = Object.create(null) as Record<string, number>;
      for (const a of await tx.objectStore('aliases').index('by-model').getAll(m.name)) aliases[a.alias] = a.version;
      out.push({
        name: m.name,
        createdAt: m.createdAt,
        versionCount: numbers.length,
        latestVersion: numbers.length ? Math.max(...numbers) : null,
        aliases,
      });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : 1));
  });
}

/** Versions of `model`, oldest first. */
export async function listVersions(db: StudioDb, model: string): Promise<VersionRecord[]> {
  return (await db.getAllFromIndex('versions', 'by-model', model)).sort((a, b) => a.version - b.version);
}

export function checkModelName(name: unknown): string {
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > MAX_MODEL_NAME) {
    throw new StorageInputError(`Model name ${JSON.stringify(name)} must be 1 to ${MAX_MODEL_NAME} characters, not all spaces.`);
  }
  return name.trim();
}
