import { describe, expect, test } from 'vitest';
import { explanationJson, explanationSummary, sliceJson } from '../../../../src/core/explain';
import type { ModelSpec } from '../../../../src/core/models';
import { modelOfStudioFiles, readRunFile, RunFileError, storedSummaries, writeRunFile, type RunFileInput } from '../../../../src/core/run';
import { trainedRun } from './trainedRun';

const KINDS: [string, ModelSpec][] = [
  ['a network', { kind: 'mlp', seed: 3, options: { epochs: 3, units: 8 } }],
  ['a tree ensemble', { kind: 'gbdt', seed: 3, options: { rounds: 20 } }],
  ['the baseline', { kind: 'baseline', seed: 3 }],
];

const json = (files: Record<string, Uint8Array>, name = 'run.json') => JSON.parse(new TextDecoder().decode(files[name])) as Record<string, any>;

describe('the run format: studio result → run files → read back', () => {
  for (const [what, spec] of KINDS) {
    test(`${what} round-trips with every field`, { timeout: 60_000 }, async () => {
      const { result, input } = await trainedRun(spec);
      const files = writeRunFile(input);
      const run = readRunFile(files);
      expect(run.format).toBe(2);
      const { studioFiles, summaries, format: _f, ...read } = run;
      const { ...expected }: Partial<RunFileInput> = input;
      expect(read).toEqual(expected);
      // Nothing of the result is lost, the explanation and slices at full precision included.
      expect(run.training.result).toEqual(input.training.result);
      expect(run.training.result!.explanation).toBeDefined();
      expect(run.training.result!.slices).toBeDefined();
      expect(run.training.profile!.columns.length).toBe(input.fitted.inputSchema.length);
      expect(run.training.split).toEqual(input.training.split);
      expect(summaries).toEqual(storedSummaries(input.training.result, input.fitted.task));
      // The studio's file names hold the same model.
      expect(modelOfStudioFiles(studioFiles, 'test')).toEqual({ fitted: input.fitted, model: input.model });

      // The top of run.json keeps what scripts and the bench read, as format 1 wrote it.
      const top = json(files);
      expect(top.metrics).toEqual(JSON.parse(JSON.stringify(result.metrics)));
      expect(top.timings.trainMs).toBe(result.timings.trainMs);
      expect(top.history).toEqual(JSON.parse(JSON.stringify(result.history)));
      expect(top.backend).toBe('cpu');
      expect(top.rows.train).toBe(result.rows.train);
      expect(top.explanation).toEqual(JSON.parse(JSON.stringify(explanationJson(result.explanation!))));
      expect(top.explanationSummary).toEqual(JSON.parse(JSON.stringify(explanationSummary(result.explanation!, result.fitted.task))));
      expect(top.slices).toEqual(JSON.parse(JSON.stringify(sliceJson(result.slices!))));
      expect(top.data.fingerprint).toBe(input.data!.fingerprint);
      // Written once: the result's report sits at the top, not again in the training record.
      expect(top.training.result.report).toBeUndefined();
      expect(top.training.resultAtTop).toContain('report');
      expect(Object.keys(files).sort()).toEqual(['run.json', ...top.modelFiles].sort());
    });
  }

  test('a version registered before results were kept writes and reads with its gaps named', { timeout: 60_000 }, async () => {
    const { input } = await trainedRun({ kind: 'baseline', seed: 1 });
    const missing = [{ part: 'result' as const, reason: 'not kept' }, { part: 'profile' as const, reason: 'not profiled' }];
    const old: RunFileInput = { ...input, training: { ...input.training, result: null, profile: null, missing } };
    const run = readRunFile(writeRunFile(old));
    expect(run.training).toEqual(old.training);
    expect(run.metrics).toEqual(input.metrics);
  });
});

describe('readRunFile refuses what it cannot read, saying what to do', () => {
  test('a folder without run.json, a damaged run.json, a newer format, an unknown model kind, a missing weights file', { timeout: 60_000 }, async () => {
    const { input } = await trainedRun({ kind: 'mlp', seed: 1, options: { epochs: 2, units: 4 } });
    const files = writeRunFile(input);
    const text = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    const cases: [Record<string, Uint8Array>, RegExp][] = [
      [{ 'weights.bin': files['weights.bin'] }, /has no run\.json\. Choose the folder/],
      [{ ...files, 'run.json': files['run.json'].subarray(0, 40) }, /run\.json in This run folder is damaged/],
      [{ ...files, 'run.json': text({ ...json(files), format: 3 }) }, /format 3, newer than this version of Modelbench reads \(2\); update Modelbench/],
      [{ ...files, 'run.json': text({ ...json(files), model: { kind: 'svm' } }) }, /a model of kind "svm", which this version of Modelbench cannot load/],
      [{ 'run.json': files['run.json'], 'model.json': files['model.json'] }, /has no weights\.bin; its network cannot be loaded/],
      [{ 'run.json': text({ hello: 1 }) }, /is not a run written by modelbench train/],
    ];
    for (const [broken, message] of cases) expect(() => readRunFile(broken)).toThrow(message);
    expect(() => readRunFile({})).toThrow(RunFileError);
  });
});
