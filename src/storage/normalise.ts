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
  const status = f.oneOf('status', RUN_STATUSES);
  return {
    id: f.id('id'),
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
  };
}

export function normaliseModel(value: unknown, place: string): ModelRecord {
  const f = new Fields(value, place);
  return { name: f.str('name', 128), createdAt: f.num('createdAt'), lastVersion: f.num('lastVersion', { integer: true, min: 0 }) };
}

export function normaliseVersion(value: unknown, place: string): VersionRecord {
  const f = new Fields(value, place);
  const latency = f.optional('latency', (k) => f.json(k));
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
  };
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
