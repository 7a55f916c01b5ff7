import { describe, expect, test } from 'vitest';
import { cellText, memorySource, readTable, streamTable, type Table } from '../../../../src/core/table';

const cells = (tables: Table[]) => tables[0].columns.map((_, c) => tables.flatMap((t) => Array.from({ length: t.rowCount }, (_, r) => cellText(t.columns[c], r))));

describe('streamTable', () => {
  const lines = ['date,delay,origin,ok'];
  for (let i = 0; i < 500; i++) lines.push(`2024-03-${String((i % 28) + 1).padStart(2, '0')} 14:25,${i - 250},${['ORD', 'LAX', 'JFK'][i % 3]},${i % 2 ? 'yes' : 'no'}`);
  const text = lines.join('\r\n') + '\r\n';

  test('CSV batches have one schema and together equal the whole read', async () => {
    const batches: Table[] = [];
    const summary = await streamTable(memorySource(text, 'f.csv'), { chunkBytes: 997 }, (b) => void batches.push(b));
    expect(batches.length).toBeGreaterThan(10);
    for (const b of batches) expect(b.columns.map((c) => c.type)).toEqual(['datetime', 'integer', 'categorical', 'boolean']);
    expect(summary.rows).toBe(500);
    expect(summary.schema.map((s) => s.type)).toEqual(['datetime', 'integer', 'categorical', 'boolean']);
    const whole = await readTable(memorySource(text, 'f.csv'));
    expect(cells(batches)).toEqual(cells([whole.table]));
  });

  test('late values that do not fit become missing and are counted as type-mismatch', async () => {
    const rows = ['a,b'];
    for (let i = 0; i < 70_000; i++) rows.push(`${i},x`);
    rows.push('oops,y', '2.5,z');
    const batches: Table[] = [];
    const summary = await streamTable(memorySource(rows.join('\n'), 'm.csv'), { chunkBytes: 1 << 16 }, (b) => void batches.push(b));
    expect(summary.schema[0].type).toBe('integer');
    const a = cells(batches)[0];
    expect(a.slice(-3)).toEqual(['69999', '', '']);
    expect(summary.warnings.find((w) => w.code === 'type-mismatch')).toMatchObject({ column: 'a', count: 2 });
  });

  test('NDJSON streams in batches with the first batch schema', async () => {
    const ndjson = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: i, name: `n${i % 5}`, v: i === 299 ? 'bad' : i / 2 })).join('\n');
    const batches: Table[] = [];
    const summary = await streamTable(memorySource(ndjson, 'x.ndjson'), { chunkBytes: 512 }, (b) => void batches.push(b));
    expect(batches.length).toBeGreaterThan(5);
    expect(summary.rows).toBe(300);
    expect(summary.schema.map((s) => s.type)).toEqual(['integer', 'categorical', 'float']);
    expect(cells(batches)[2][299]).toBe('');
    expect(summary.warnings.find((w) => w.code === 'type-mismatch')?.count).toBe(1);
  });

  test('NDJSON with nested records: every batch reads the nested fields under their paths, as the whole read does', async () => {
    const ndjson = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: i, user: { age: 20 + (i % 50), geo: { country: ['DE', 'FR'][i % 2] } } })).join('\n');
    const batches: Table[] = [];
    const summary = await streamTable(memorySource(ndjson, 'n.ndjson'), { chunkBytes: 512 }, (b) => void batches.push(b));
    expect(batches.length).toBeGreaterThan(5);
    expect(summary.schema.map((s) => s.name)).toEqual(['id', 'user.age', 'user.geo.country']);
    expect(cells(batches)[1]).toEqual(Array.from({ length: 300 }, (_, i) => String(20 + (i % 50))));
    expect(cells(batches)[2][299]).toBe('FR');
    expect(summary.warnings.filter((w) => w.code === 'json-flattened')).toHaveLength(1);
  });

  test('other formats are handed out whole', async () => {
    const batches: Table[] = [];
    const summary = await streamTable(memorySource('[{"a":1},{"a":2}]', 'j.json'), {}, (b) => void batches.push(b));
    expect(summary.rows).toBe(2);
    expect(batches.length).toBe(1);
  });
});
