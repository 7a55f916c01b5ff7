import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { driftProfile } from '../core/deploy';
import { layersFiles, type ExperimentResult, type LeaderboardEntry } from '../core/models';
import { profileColumns } from '../core/profile';
import { runTrainingOf, writeRunFile, type RunModel } from '../core/run';
import type { Table } from '../core/table';
import { fileFingerprint } from './fileFingerprint';

/** A file `modelbench train` read, as it read it. */
interface ReadFile {
  path: string;
  table: Table;
  format: string;
  warnings: number;
}

/** What `modelbench train` knows about a run beyond its result. */
interface RunDirectoryInput {
  out: string;
  data: ReadFile;
  test?: ReadFile;
  backend: string;
  leaderboard?: LeaderboardEntry[];
  /** Epoch ms when the command started, and how long reading the files took. */
  started: number;
  readMs: number;
}

async function runModel(model: ExperimentResult['model']): Promise<RunModel> {
  if (model.kind !== 'tf') return model;
  const { model: _layers, ...meta } = model;
  return { ...meta, files: await layersFiles(model) };
}

/**
 * Writes `modelbench train`'s run directory through the one run format (`writeRunFile`): the
 * training file's fingerprint as the studio computes it, the split on that file, the drift profile
 * of the model's inputs on it, and the model's files. Returns the names of the files written.
 */
export async function writeRunDirectory(result: ExperimentResult, input: RunDirectoryInput): Promise<string[]> {
  const { data, test } = input;
  const recordStarted = Date.now();
  const [fingerprint, testFingerprint] = await Promise.all([fileFingerprint(data.path), test ? fileFingerprint(test.path) : null]);
  // Drift is measured on the columns the model reads, over the whole training file, as the studio does.
  const profile = driftProfile({ columns: profileColumns(data.table, result.fitted.inputSchema.map((c) => c.name)) }, result.fitted.inputSchema.map((c) => c.name));
  // Fingerprinting and profiling for the run record are timed apart, so no fit time includes them.
  const recordMs = Date.now() - recordStarted;
  // The CLI's own timings and search ride in the result, so a studio that imports the run keeps them.
  const kept = { ...result, timings: { readMs: input.readMs, ...result.timings, recordMs, totalMs: Date.now() - input.started }, ...(input.leaderboard ? { leaderboard: input.leaderboard } : {}) };
  const training = runTrainingOf(kept, { fingerprint, rows: data.table.rowCount }, profile, !!test);
  const files = writeRunFile({
    createdAt: new Date().toISOString(),
    data: {
      name: basename(data.path), file: data.path, rows: data.table.rowCount, fingerprint, format: data.format, warnings: data.warnings,
      ...(test ? { test: { name: basename(test.path), file: test.path, rows: test.table.rowCount, fingerprint: testFingerprint } } : {}),
    },
    backend: input.backend,
    seed: result.spec.seed ?? result.recipe.split.seed,
    spec: result.spec,
    recipe: result.recipe,
    fitted: result.fitted,
    metrics: result.metrics,
    training,
    model: await runModel(result.model),
  });
  await mkdir(input.out, { recursive: true });
  // run.json last: a directory with a run.json is a whole run.
  const names = Object.keys(files).sort((a, b) => Number(a === 'run.json') - Number(b === 'run.json'));
  for (const name of names) await writeFile(join(input.out, name), files[name]);
  return names;
}
