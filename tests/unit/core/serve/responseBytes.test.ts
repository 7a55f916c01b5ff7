/**
 * The batch route's answer is written as text (serveRoutes' mlflowJson) and large bodies of numbers
 * are read from their bytes (numberSplit) and scored with predictNumbers: the response bodies must
 * stay, byte for byte, what JSON.stringify wrote over scorer.mjs's answers, on mixed tables
 * (numbers, categories, missing values, dates, unknown categories) for a classifier and a regression.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildBundle } from '../../../../src/core/deploy';
import type { RowPrediction } from '../../../../src/core/deploy';
import { disposeModel, type ModelSpec } from '../../../../src/core/models';
import type { BundleScorer } from '../../../../src/core/serve';
import type { Table } from '../../../../src/core/table/types';
import { breastCancer, crafted, rowsOf, trainTiny } from '../deploy/trainTiny';
import { startServer, type Served } from './serveFixture';

async function bundleOf(table: Table, target: string, spec: ModelSpec, name: string): Promise<Served> {
  const tiny = await trainTiny(table, target, spec);
  const bundle = buildBundle({ name, version: 1, fitted: tiny.result.fitted, model: { kind: 'tf', modelKind: spec.kind, files: tiny.files! }, createdAt: '2026-01-02T03:04:05.000Z' });
  disposeModel(tiny.result.model);
  const dir = await mkdtemp(join(tmpdir(), 'mb-serve-bytes-'));
  for (const [path, bytes] of Object.entries(bundle.files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  const scorer = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'scorer.mjs')).href)) as BundleScorer;
  const rows = rowsOf(table).map(({ [target]: _, ...row }) => row);
  return { bundle, dir, scorer, rows, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const models: Record<string, Served> = {};
beforeAll(async () => {
  models.classifier = await bundleOf(crafted(), 'y', { kind: 'logistic', seed: 3, options: { epochs: 3 } }, 'crafted-class');
  models.regression = await bundleOf(crafted(), 'amount', { kind: 'mlp', seed: 3, options: { epochs: 3 } }, 'crafted-value');
  models.numeric = await bundleOf(breastCancer(), 'diagnosis', { kind: 'logistic', seed: 3, options: { epochs: 3 } }, 'cancer');
}, 180_000);
afterAll(async () => {
  for (const m of Object.values(models)) await m.cleanup();
});

/** What the route wrote before: JSON.stringify over the MLflow answer of each row. */
const mlflowRow = (p: RowPrediction) => JSON.stringify('value' in p ? p.value : p);

/** A mixed table: missing cells, numbers sent as text, dates as epoch ms, unknown categories, booleans, empty strings. */
function mixed(rows: Record<string, unknown>[], n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => {
    const row = { ...rows[(i * 7) % rows.length] };
    for (const [k, v] of Object.entries(row)) {
      const pick = (i * 31 + k.length * 7) % 23;
      if (pick === 0) row[k] = null;
      else if (pick === 1 && typeof v === 'number') row[k] = String(v);
      else if (pick === 2 && typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /^\d{4}-/.test(v)) row[k] = Date.parse(v);
      else if (pick === 3 && typeof v === 'string') row[k] = 'Atlantis ' + (i % 3);
      else if (pick === 4 && typeof v === 'number') row[k] = v * 1.000123456789;
      else if (pick === 5) row[k] = '';
    }
    return row;
  });
}

async function postText(url: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/invocations`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: res.status, text: await res.text() };
}

describe('batch answers, byte for byte', () => {
  test.each(['classifier', 'regression'])('%s: a mixed dataframe_split is answered with the text JSON.stringify wrote', async (kind) => {
    const served = models[kind];
    const server = await startServer(served, ['--on-error', 'row']);
    try {
      const rows = mixed(served.rows, 300);
      const columns = Object.keys(served.rows[0]);
      const { status, text } = await postText(server.url, JSON.stringify({ dataframe_split: { columns, data: rows.map((r) => columns.map((c) => r[c])) } }));
      expect(status).toBe(200);
      // Rows the reader refused keep their message; every scored row is scorer.mjs's answer, stringified.
      const answers = (JSON.parse(text) as { predictions: unknown[] }).predictions;
      const refused = (a: unknown) => typeof a === 'object' && a !== null && String((a as { error?: unknown }).error).startsWith('Row ');
      const expected = answers.map((a, i) => (refused(a) ? JSON.stringify(a) : mlflowRow(served.scorer.predict([rows[i]])[0])));
      expect(text).toBe('{"predictions":[' + expected.join(',') + ']}');
      expect(answers.filter((a) => typeof a === 'number' || (typeof a === 'object' && a !== null && 'label' in a)).length).toBeGreaterThan(150);
    } finally {
      await server.close();
    }
  });

  test('a large body of numbers is read from its bytes and scored by predictNumbers, with the same answer', async () => {
    const served = models.numeric;
    const calls: number[] = [];
    const scorer: BundleScorer = {
      ...served.scorer,
      meta: served.scorer.meta,
      predict: served.scorer.predict,
      predictColumns: () => {
        throw new Error('cell lists were scored');
      },
      predictNumbers: (columns, values, n) => (calls.push(n), served.scorer.predictNumbers!(columns, values, n)),
    };
    const server = await startServer(served, [], [], scorer);
    try {
      const columns = Object.keys(served.rows[0]);
      const rows = Array.from({ length: 600 }, (_, i) => ({ ...served.rows[i % served.rows.length], ...(i % 9 === 0 ? { [columns[i % columns.length]]: null } : {}) }));
      // Spelled the ways clients write numbers: exponents, spaces, a trailing zero.
      const cell = (v: unknown, i: number) => (v === null ? 'null' : i % 5 === 0 ? (v as number).toExponential() : i % 7 === 0 ? ` ${String(v)}0 ` : String(v));
      const body = '{"dataframe_split": {"columns": ' + JSON.stringify(columns) + ', "data": [' + rows.map((r, i) => '[' + columns.map((c) => cell(r[c], i)).join(',') + ']').join(',\n') + ']}}';
      const { status, text } = await postText(server.url, body);
      expect(status).toBe(200);
      const parsed = JSON.parse(body) as { dataframe_split: { data: unknown[][] } };
      const objects = parsed.dataframe_split.data.map((cells) => Object.fromEntries(columns.map((c, j) => [c, cells[j]])));
      expect(text).toBe(JSON.stringify({ predictions: served.scorer.predict(objects) }));
      expect(calls).toEqual([600]);
    } finally {
      await server.close();
    }
  });
});

describe('Content-Length', () => {
  /** The raw answer: its headers as sent and its body's bytes. */
  function raw(url: string, body: string): Promise<{ headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  test('counts UTF-8 bytes: an answer that names columns in other scripts and an emoji is sent whole, with no chunked encoding', async () => {
    const served = models.classifier;
    const server = await startServer(served);
    try {
      for (const name of ['é', 'ünïcødé 日本語', 'penguin 🐧', 'plain']) {
        const { headers, bytes } = await raw(server.url, JSON.stringify({ dataframe_split: { columns: [name], data: [[1]] } }));
        expect(headers['transfer-encoding']).toBeUndefined();
        expect(Number(headers['content-length'])).toBe(bytes.length);
        expect((JSON.parse(bytes.toString('utf8')) as { message: string }).message).toContain(name);
      }
    } finally {
      await server.close();
    }
  });
});
