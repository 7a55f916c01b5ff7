import { RUN_STATUSES } from './records';
import type {
  AliasRecord,
  AuditAction,
  AuditRecord,
  BlobRecord,
  DatasetRecord,
  ModelRecord,
  RunRecord,
  VersionRecord,
} from './records';
import { Fields, bad, itemNumber, itemString } from './fields';
import { checkTag } from './tags';
import { backendOf, trainingOf } from './training';
import { RUN_TRAINING_FORMAT, type MissingPart, type RunTraining, type SplitRecord, type TrainingPart } from '../core/run';
import type { DriftProfile } from '../core/deploy';

const TRAINING_PARTS: readonly TrainingPart[] = ['split', 'profile', 'baselineMetrics', 'result'];

function numberMap(f: Fields, key: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, v] of f.entries(key)) out[name] = itemNumber(v, `${f.place}.${key}.${name}`);
  return out;
}

const objectItem = (v: unknown, place: string): Record<string, unknown> => (new Fields(v, place), v as Record<string, unknown>);

function normaliseSplit(s: Fields): SplitRecord {
  const spec = s.object('spec');
  return {
    spec: {
      ...(s.json('spec') as unknown as SplitRecord['spec']),
      method: spec.oneOf('method', ['random', 'stratified', 'time', 'group'] as const),
      testFraction: spec.num('testFraction'),
      seed: spec.num('seed'),
    },
    dataFingerprint: s.str('dataFingerprint', 100),
    dataRows: s.num('dataRows', { integer: true, min: 0 }),
    trainRows: s.numOrNull('trainRows'),
  };
}

/** A run's training record from a workspace file; profile columns and the result are kept as JSON objects. */
function normaliseTraining(value: unknown, place: string): RunTraining {
  const f = new Fields(value, place);
  if (f.num('format', { integer: true, min: 1 }) > RUN_TRAINING_FORMAT) bad(`${place}.format`, f.json('format'), `a format up to ${RUN_TRAINING_FORMAT}; update Modelbench`);
  const split = f.json('split') === null ? null : normaliseSplit(f.object('split'));
  // Profile columns and the result are JSON objects read by core code that tolerates absent parts.
  const profile: DriftProfile | null = f.json('profile') === null ? null : { columns: f.object('profile').array('columns', objectItem) as DriftProfile['columns'] };
  const result = f.json('result') === null ? null : objectItem(f.json('result'), `${place}.result`);
  return {
    format: RUN_TRAINING_FORMAT,
    split,
    profile,
    baselineMetrics: f.json('baselineMetrics') === null ? null : numberMap(f, 'baselineMetrics'),
    result,
    missing: f.array('missing', (m, p): MissingPart => {
      const part = new Fields(m, p);
      return { part: part.oneOf('part', TRAINING_PARTS), reason: part.str('reason', 1000) };
    }),
  };
}

const AUDIT_ACTIONS: readonly AuditAction[] = [
  'register', 'alias-set', 'alias-removed', 'tag-set', 'tag-removed', 'note', 'latency',
  'delete-run', 'delete-version', 'delete-dataset', 'import',
];
const SHA256 = /^[0-9a-f]{64}$/;

function sha(f: Fields, key: string): string {
  const v = f.str(key, 64);
  if (!SHA256.test(v)) bad(`${f.place}.${key}`, v, '64 lowercase hex digits (SHA-256)');
  return v;
}

export function normaliseDataset(value: unknown, place: string): DatasetRecord {
  const f = new Fields(value, place);
  const blobId = f.optional('blobId', (k) => f.id(k));
  return {
    id: f.id('id'),
    name: f.str('name', 1000),
    sourceFileName: f.str('sourceFileName', 1000),
    fingerprint: sha(f, 'fingerprint'),
    schema: f.array('schema', (c, p) => {
      const col = new Fields(c, p);
      return { name: col.str('name', 10_000), type: col.str('type', 100) };
    }),
    rows: f.num('rows', { integer: true, min: 0 }),
    columns: f.num('columns', { integer: true, min: 0 }),
    profileSummary: f.json('profileSummary'),
    createdAt: f.num('createdAt'),
    ...(blobId === undefined ? {} : { blobId }),
  };
}

export function normaliseRun(value: unknown, place: string): RunRecord {
  const f = new Fields(value, place);
  const curves: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  for (const [name, series] of f.entries('curves')) {
    if (!Array.isArray(series)) bad(`${place}.curves.${name}`, series, 'an array of numbers');
    curves[name] = series.map((x, i) => itemNumber(x, `${place}.curves.${name}[${i}]`));
  }
  const error = f.optional('error', (k) => f.str(k));
  const name = f.optional('name', (k) => f.str(k, 200));
  const training = f.optional('training', (k) => normaliseTraining(f.json(k), `${place}.${k}`));
  const status = f.oneOf('status', RUN_STATUSES);
  return {
    id: f.id('id'),
    ...(name === undefined ? {} : { name }),
    datasetId: f.id('datasetId'),
    recipe: f.json('recipe'),
    spec: f.json('spec'),
    seed: f.num('seed'),
    backend: f.str('backend', 100),
    // An exported run that was running has no live tab here.
    status: status === 'running' ? 'interrupted' : status,
    startedAt: f.num('startedAt'),
    endedAt: f.numOrNull('endedAt'),
    curves: { ...curves },
    metrics: f.json('metrics'),
    ...(error === undefined ? {} : { error }),
    artifactIds: f.array('artifactIds', itemString),
    ...(training === undefined ? {} : { training }),
  };
}

export function normaliseModel(value: unknown, place: string): ModelRecord {
  const f = new Fields(value, place);
  return { name: f.str('name', 128), createdAt: f.num('createdAt'), lastVersion: f.num('lastVersion', { integer: true, min: 0 }) };
}

/** A version as a workspace file gives it: files written before schema version 3 lack seed, backend and training. */
export type ImportedVersion = Omit<VersionRecord, 'seed' | 'backend' | 'training'> & Partial<Pick<VersionRecord, 'seed' | 'backend' | 'training'>>;

export function normaliseVersion(value: unknown, place: string): ImportedVersion {
  const f = new Fields(value, place);
  const latency = f.optional('latency', (k) => f.json(k));
  const training = f.optional('training', (k) => normaliseTraining(f.json(k), `${place}.${k}`));
  const seed = f.optional('seed', (k) => (f.json(k) === null ? null : f.num(k)));
  const backend = f.optional('backend', (k) => (f.json(k) === null ? null : f.str(k, 100)));
  return {
    id: f.id('id'),
    model: f.str('model', 128),
    version: f.num('version', { integer: true, min: 1 }),
    runId: f.id('runId'),
    createdAt: f.num('createdAt'),
    metrics: f.json('metrics'),
    recipe: f.json('recipe'),
    spec: f.json('spec'),
    artifactIds: f.array('artifactIds', itemString),
    tags: f.array('tags', (pair, p) => {
      if (!Array.isArray(pair) || pair.length !== 2) bad(p, pair, 'a [key, value] pair');
      return checkTag(pair[0], pair[1]);
    }),
    notes: f.str('notes'),
    ...(latency === undefined ? {} : { latency }),
    ...(training === undefined ? {} : { training }),
    ...(seed === undefined ? {} : { seed }),
    ...(backend === undefined ? {} : { backend }),
  };
}

/** Fills what an older file's version lacks from its run and dataset in the same file, as the schema upgrade does. */
export function completeVersion(v: ImportedVersion, runs: readonly RunRecord[], datasets: readonly DatasetRecord[]): VersionRecord {
  const run = runs.find((r) => r.id === v.runId);
  const dataset = run && datasets.find((d) => d.id === run.datasetId);
  return { ...v, seed: v.seed !== undefined ? v.seed : (run?.seed ?? null), backend: v.backend !== undefined ? v.backend : backendOf(run), training: v.training ?? trainingOf(run, dataset) };
}

export function normaliseAlias(value: unknown, place: string): AliasRecord {
  const f = new Fields(value, place);
  return { model: f.str('model', 128), alias: f.str('alias', 64), version: f.num('version', { integer: true, min: 1 }), setAt: f.num('setAt') };
}

export function normaliseAudit(value: unknown, place: string): AuditRecord {
  const f = new Fields(value, place);
  return { at: f.num('at'), action: f.oneOf('action', AUDIT_ACTIONS), subject: f.str('subject', 1000), detail: f.json('detail') };
}

export function normaliseBlob(value: unknown, place: string): BlobRecord {
  const f = new Fields(value, place);
  const owner = f.object('owner');
  return {
    id: f.id('id'),
    kind: f.oneOf('kind', ['artifact', 'dataset'] as const),
    name: f.str('name', 1000),
    owner: { kind: owner.oneOf('kind', ['run', 'dataset'] as const), id: owner.id('id') },
    byteLength: f.num('byteLength', { integer: true, min: 0 }),
    sha256: sha(f, 'sha256'),
    chunkSize: f.num('chunkSize', { integer: true, min: 1 }),
    chunkCount: f.num('chunkCount', { integer: true, min: 1 }),
    createdAt: f.num('createdAt'),
  };
}
