/** A run.json written by modelbench train before the one run format (format 1) reads, with what it lacks named. */
import { describe, expect, test } from 'vitest';
import { explanationJson, explanationSummary, sliceJson } from '../../../../src/core/explain';
import { missingReason, readRunFile } from '../../../../src/core/run';
import { trainedRun } from './trainedRun';

const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 1));

describe('run.json format 1', () => {
  test('a network run from the older CLI reads: its model, metrics and baseline; no split, profile or fingerprint, each named', { timeout: 60_000 }, async () => {
    const { result, input } = await trainedRun({ kind: 'mlp', seed: 42, options: { epochs: 3, units: 8 } });
    if (input.model.kind !== 'tf') throw new Error('expected a network');
    // Exactly the fields the CLI wrote before format 2 (src/cli/train.ts at e0b8a65).
    const old = {
      version: 1,
      createdAt: '2026-11-30T09:00:00.000Z',
      input: { file: '/data/penguins.csv', rows: 344, format: 'csv', warnings: 0 },
      backend: 'wasm',
      spec: result.spec,
      options: result.options,
      recipe: result.recipe,
      fittedRecipe: result.fitted,
      rows: result.rows,
      metrics: result.metrics,
      baselineMetrics: result.baselineMetrics,
      comparison: result.comparison,
      explanation: explanationJson(result.explanation!),
      explanationSummary: explanationSummary(result.explanation!, result.fitted.task),
      slices: sliceJson(result.slices!),
      history: result.history,
      bestEpoch: result.bestEpoch ?? null,
      report: result.report,
      timings: { readMs: 12, ...result.timings, totalMs: 900 },
      modelFiles: ['model.json', 'weights.bin'],
    };
    const files = { 'run.json': bytes(old), 'model.json': new TextEncoder().encode(input.model.files.modelJson), 'weights.bin': input.model.files.weights };
    const run = readRunFile(files);
    expect(run.format).toBe(1);
    expect(run.model).toEqual({ ...input.model, task: result.fitted.task, numClasses: 3 });
    expect(run.fitted).toEqual(input.fitted);
    expect(run.metrics).toEqual(input.metrics);
    expect(run.seed).toBe(42);
    expect(run.backend).toBe('wasm');
    expect(run.createdAt).toBe('2026-11-30T09:00:00.000Z');
    // The file it trained on is named, but its fingerprint was never recorded: none is made up.
    expect(run.data).toEqual({ name: 'penguins.csv', file: '/data/penguins.csv', rows: 344, fingerprint: null, format: 'csv', warnings: 0 });
    expect(run.training.split).toBeNull();
    expect(run.training.profile).toBeNull();
    expect(missingReason(run.training.missing, 'split')).toMatch(/did not record its training file's fingerprint: its split cannot be tied to a file, so comparisons use a file you pick/);
    expect(missingReason(run.training.missing, 'profile')).toMatch(/kept no training profile: drift cannot be measured/);
    expect(missingReason(run.training.missing, 'result')).toMatch(/slices only in words/);
    expect(missingReason(run.training.missing, 'baselineMetrics')).toBeNull();
    expect(run.training.baselineMetrics).toEqual(JSON.parse(JSON.stringify(result.baselineMetrics)));
    expect(run.training.result).toMatchObject({ metrics: result.metrics, rows: result.rows, report: JSON.parse(JSON.stringify(result.report)) });
    // A model card made from it says what the older card said.
    expect(run.summaries).toEqual({ explanation: JSON.parse(JSON.stringify(old.explanationSummary)), slices: JSON.parse(JSON.stringify(old.slices)) });
    expect(Object.keys(run.studioFiles).sort()).toEqual(['fitted-recipe.json', 'model-meta.json', 'model.json', 'weights.bin']);
  });
});
