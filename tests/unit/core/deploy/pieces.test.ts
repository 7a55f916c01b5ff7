import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapeXml as escapeHtml } from '../../../../src/core/format';
import { coerceCell, escapeMarkdown, modelFromBaseline, onnxInputNames, onnxInputs, scorerModule, sha256Hex } from '../../../../src/core/deploy';
import { base64 } from '../../../../src/core/deploy/base64';
import type { FittedRecipe } from '../../../../src/core/recipe';
import { importScorer } from './trainTiny';

describe('sha256Hex', () => {
  test('matches node:crypto on empty, one-block and multi-block inputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

test('base64 matches Buffer', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }),
  );
});

describe('escaping', () => {
  test('escapeHtml leaves no markup', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
  });
  test('escapeMarkdown neutralises emphasis, links, tables, HTML and line breaks', () => {
    expect(escapeMarkdown('a*b_c [x](http://e) | <b>\n# h')).toBe('a\\*b_c \\[x\\](http://e) \\| &lt;b> # h');
  });
});

test('onnxInputNames sanitises, avoids outputs and reserved prefixes, and dedupes', () => {
  const names = onnxInputNames(['Beak Length (mm)', 'Beak_Length__mm_', '3d', 'label', '__x', 'é'].map((name) => ({ name, type: 'float' as const })));
  expect(names).toEqual(['Beak_Length__mm_', 'Beak_Length__mm__2', 'x3d', 'label_input', 'x__x', '_']);
});

/** Four input types, the baseline model: predictOne returns the priors unless the row is refused. */
const fitted: FittedRecipe = {
  version: 1,
  target: 'y',
  task: 'binary',
  classes: ['no', 'yes'],
  inputSchema: [
    { name: 'n', type: 'float' },
    { name: 'when', type: 'datetime' },
    { name: 'flag', type: 'boolean' },
    { name: 'city', type: 'categorical' },
  ],
  steps: [
    { kind: 'datetime', parts: ['year'], cyclic: true, columns: ['when'] },
    { kind: 'encode', method: 'ordinal', columns: [{ name: 'city', vocabulary: ['a', 'b'], other: false }] },
  ],
  featureNames: ['n', 'when_year', 'flag', 'city'],
  embeddings: [],
  trainRows: 10,
};

describe('row coercion', () => {
  const cell = fc.oneof(
    fc.constantFrom(null, undefined, '', ' ', 'NaN', 'true', 'No', '1e3', '-.5', '0x10', 'Infinity', '2024-02-29', '2024-02-29 13:45', '2024-13-01', 'yes', '12abc'),
    fc.double(),
    fc.boolean(),
    fc.string({ maxLength: 50 }),
    fc.date({ noInvalidDate: true }),
    fc.constant({ a: 1 }),
    fc.constant([1, 2]),
  );

  test('scorer.mjs and onnxInputs refuse the same rows with the same message', async () => {
    const scorer = await importScorer(scorerModule(fitted, modelFromBaseline({ kind: 'baseline', task: 'binary', output: [0.25, 0.75] }, fitted), { name: 't', version: 1 }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ n: cell, when: cell, flag: cell, city: cell }, { requiredKeys: [] }), { maxLength: 8 }), async (rows) => {
        const fromScorer = scorer.predict(rows);
        const fromOnnx = onnxInputs(rows, fitted);
        const refused = new Map(fromOnnx.errors.map((e) => [e.row, e.error]));
        fromScorer.forEach((p, i) => {
          if (refused.has(i)) expect(p).toEqual({ error: refused.get(i) });
          else expect(p).toEqual({ label: 'yes', probabilities: { no: 0.25, yes: 0.75 } });
        });
      }),
      { numRuns: 300 },
    );
  });

  test.each<[unknown, string, number | string | null]>([
    ['12.5', 'float', 12.5],
    [' 7 ', 'integer', 7],
    ['', 'float', NaN],
    [true, 'float', 1],
    ['yes', 'boolean', 1],
    // Every word the training reader takes for a boolean: a model trained on Y/N columns scores Y/N rows.
    ['Y', 'boolean', 1],
    [' n ', 'boolean', 0],
    ['T', 'boolean', 1],
    ['f', 'boolean', 0],
    ['2024-05-01', 'datetime', Date.UTC(2024, 4, 1)],
    ['2024-05-01 06:30', 'datetime', Date.UTC(2024, 4, 1, 6, 30)],
    ['2024-05-01T06:30:00+02:00', 'datetime', Date.UTC(2024, 4, 1, 4, 30)],
    [1714521600000, 'datetime', 1714521600000],
    [3, 'categorical', '3'],
    ['', 'categorical', null],
  ])('coerceCell(%j as %s) → %s', (v, type, expected) => {
    expect(coerceCell(v, 'c', type as 'float')).toEqual({ ok: true, value: expected });
  });

  test('messages name the column, show the value and say what to send', () => {
    expect(coerceCell('abc', 'Body Mass (g)', 'float')).toEqual({ ok: false, error: `Column 'Body Mass (g)' holds "abc", which is not a number; send a number, a numeric string or null.` });
    expect(coerceCell('soon', 'when', 'datetime')).toMatchObject({ ok: false, error: expect.stringMatching(/^Column 'when' holds "soon", which is not a date; send an ISO 8601/) });
    expect(coerceCell('x'.repeat(60), 'c', 'integer')).toMatchObject({ error: expect.stringContaining(`"${'x'.repeat(40)}…"`) });
  });
});
