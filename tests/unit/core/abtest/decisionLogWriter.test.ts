import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { decisionFormats, decisionLogWriter, DECISION_CSV_HEADER, type Decision } from '../../../../src/core/abtest';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-log-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const decision = (i: number): Decision => ({ unitId: `u${i}`, variant: i % 2 ? 'a' : 'b', prediction: [{ value: i }], timestamp: 1000 + i, shadow: false });

test.each(['ndjson', 'csv'] as const)('rotates a %s log by size into .1, .2 … without losing or overwriting a line', (format) => {
  const path = join(dir, `log.${format}`);
  const formats = decisionFormats();
  const writer = decisionLogWriter(fs, path, { format, maxBytes: 1000, bufferChars: 300 }, formats, DECISION_CSV_HEADER);
  for (let i = 0; i < 200; i++) writer.write(decision(i));
  writer.close();
  const files = readdirSync(dir).filter((f) => f.startsWith(`log.${format}`)).sort((a, b) => (a.split('.').length - b.split('.').length) || a.localeCompare(b, 'en', { numeric: true }));
  expect(files.length).toBeGreaterThan(5);
  const line = (d: Decision) => (format === 'csv' ? formats.decisionToCsv(d) : formats.decisionToNdjson(d));
  // Oldest first: .1, .2, …, then the live file.
  const ordered = [...files.slice(1), files[0]];
  const text = ordered.map((f) => readFileSync(join(dir, f), 'utf8'));
  for (const t of text) expect(Buffer.byteLength(t)).toBeLessThanOrEqual(1000);
  if (format === 'csv') for (const t of text) expect(t.startsWith(`${DECISION_CSV_HEADER}\n`)).toBe(true);
  const body = text.map((t) => (format === 'csv' ? t.slice(DECISION_CSV_HEADER.length + 1) : t)).join('');
  expect(body).toBe(Array.from({ length: 200 }, (_, i) => line(decision(i))).join(''));
  expect(() => writer.write(decision(0))).toThrow(/closed/);
});
