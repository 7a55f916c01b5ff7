/**
 * Tabular bodies (dataframe_split, CSV) are scored from their cell lists through scorer.mjs's
 * predictColumns, with no row objects, and concurrent ones are micro-batched per column list: the
 * answers, refusals and per-row errors are those of the row-object path.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BundleScorer } from '../../../../src/core/serve';
import { penguinBundle, post, startServer, type Served } from './serveFixture';

let served: Served;

beforeAll(async () => {
  served = await penguinBundle();
}, 120_000);
afterAll(async () => {
  await served?.cleanup();
});

const columns = () => Object.keys(served.rows[0]);
const split = (rows: Record<string, unknown>[]) => JSON.stringify({ dataframe_split: { columns: columns(), data: rows.map((r) => columns().map((c) => r[c])) } });
/** The bundle's scorer with row objects refused, so an answer proves the cell-list path scored it. */
const columnsOnly = (): BundleScorer => ({
  meta: served.scorer.meta,
  predict: (rows) => (rows.length > 1 ? ((): never => { throw new Error('row objects were scored'); })() : served.scorer.predict(rows)),
  predictColumns: (cols, cells) => served.scorer.predictColumns!(cols, cells),
});

describe('scorer.mjs predictColumns', () => {
  test('answers as predict does on the same rows as objects, and names a missing column per row', () => {
    const rows = served.rows.slice(0, 60);
    const cols = columns();
    expect(served.scorer.predictColumns!(cols, rows.map((r) => cols.map((c) => r[c])))).toEqual(served.scorer.predict(rows));
    const [first] = served.scorer.predictColumns!(cols.slice(1), [cols.slice(1).map((c) => rows[0][c])]);
    expect(first).toEqual({ error: expect.stringContaining(`'${cols[0]}'`) });
    expect(served.scorer.predictColumns!(cols, [[1, 2]])[0]).toEqual({ error: expect.stringContaining('columns list has') });
  });
});

describe('tabular bodies', () => {
  test('dataframe_split and CSV answer exactly what scorer.mjs answers, without row objects', async () => {
    const server = await startServer(served, ['--batch-rows', '50'], [], columnsOnly());
    try {
      const rows = served.rows.slice(0, 120);
      const res = await post(`${server.url}/invocations`, split(rows));
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ predictions: served.scorer.predict(rows) });
      const cell = (v: unknown) => (v === null ? '' : typeof v === 'string' ? `"${v}"` : String(v));
      const csv = [columns().join(','), ...rows.map((r) => columns().map((c) => cell(r[c])).join(','))].join('\n');
      const fromCsv = await post(`${server.url}/invocations`, csv, 'text/csv');
      expect(fromCsv.json).toEqual({ predictions: served.scorer.predict(rows) });
      const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
      expect(metrics).toContain('modelbench_rows_scored_total 240');
      expect(metrics).toMatch(/modelbench_drift_window_rows [1-9]/);
    } finally {
      await server.close();
    }
  });

  test('a bad row refuses the request, naming row and column, as for row objects', async () => {
    const server = await startServer(served, ['--batch-rows', '50'], [], columnsOnly());
    try {
      const rows = served.rows.slice(0, 80).map((r, i) => (i === 61 ? { ...r, Island: 'Atlantis' } : r));
      const res = await post(`${server.url}/invocations`, split(rows));
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ row: 61, column: 'Island' });
    } finally {
      await server.close();
    }
  });

  test('--on-error row answers bad rows in place and scores the others', async () => {
    const server = await startServer(served, ['--batch-rows', '50', '--on-error', 'row'], [], columnsOnly());
    try {
      const rows = served.rows.slice(0, 80).map((r, i) => (i === 3 ? { ...r, Island: 'Atlantis' } : i === 70 ? { ...r, 'Body Mass (g)': 'heavy' } : r));
      const res = await post(`${server.url}/invocations`, split(rows));
      expect(res.status).toBe(200);
      const answers = res.json.predictions as Record<string, unknown>[];
      expect(answers[3].error).toContain("Row 3 column 'Island'");
      expect(answers[70].error).toContain("'Body Mass (g)'");
      const good = rows.filter((_, i) => i !== 3 && i !== 70);
      expect(answers.filter((_, i) => i !== 3 && i !== 70)).toEqual(served.scorer.predict(good));
    } finally {
      await server.close();
    }
  });

  test('concurrent single-row requests are micro-batched through predictColumns, each answered with its own row', async () => {
    let objectCalls = 0;
    const counting: BundleScorer = {
      meta: served.scorer.meta,
      predict: (rows) => {
        objectCalls++;
        return served.scorer.predict(rows);
      },
      predictColumns: (cols, cells) => served.scorer.predictColumns!(cols, cells),
    };
    const server = await startServer(served, [], [], counting);
    try {
      const warmUp = objectCalls;
      const rows = served.rows.slice(0, 150);
      const answers = await Promise.all(rows.map((r) => post(`${server.url}/invocations`, split([r]))));
      expect(answers.map((a) => a.json.predictions[0])).toEqual(served.scorer.predict(rows));
      expect(objectCalls).toBe(warmUp);
      const metrics = (await fetch(`${server.url}/metrics`).then((r) => r.text())).split('\n');
      const value = (name: string) => Number(metrics.find((l) => l.startsWith(name))!.split(' ')[1]);
      expect(value('modelbench_batch_rows_sum')).toBe(150);
      expect(value('modelbench_drift_window_rows')).toBe(150);

      // Requests whose bodies end in the same turn of the event loop share one predictColumns call.
      const calls: number[] = [];
      const batched = await startServer(served, [], [], { ...counting, predictColumns: (cols, cells) => (calls.push(cells.length), served.scorer.predictColumns!(cols, cells)) });
      try {
        const some = served.rows.slice(0, 12);
        const replies = await Promise.all(some.map((r) => batched.routes.handle({ method: 'POST', path: '/invocations', headers: { 'content-type': 'application/json' }, body: split([r]) })));
        expect(replies.map((r) => JSON.parse(r.body).predictions[0])).toEqual(served.scorer.predict(some));
        expect(calls).toEqual([12]);
      } finally {
        await batched.close();
      }
    } finally {
      await server.close();
    }
  });

  test('a scorer without predictColumns (an older bundle) scores the rows as objects', async () => {
    const server = await startServer(served, ['--batch-rows', '50'], [], { meta: served.scorer.meta, predict: (rows) => served.scorer.predict(rows) });
    try {
      const rows = served.rows.slice(0, 120);
      expect((await post(`${server.url}/invocations`, split(rows))).json).toEqual({ predictions: served.scorer.predict(rows) });
    } finally {
      await server.close();
    }
  });
});
