import { readFileSync } from 'node:fs';
import { MODELS } from '../core/models/catalog';

/** What each command does, in one line for `modelbench --help`; flags come from the command's own usage. */
export const SUMMARIES: Record<string, string> = {
  profile: 'Profile a data file (types, statistics, alerts) into a JSON and/or HTML report, or an image folder or zip (classes, sizes, duplicates, unreadable files).',
  train: 'Train a model on a data file and write the run (metrics, recipe, model files) to a folder.',
  export: 'Turn a trained run folder into a deployable bundle (.zip).',
  score: 'Score a data file with a bundle, or classify images with an image model (folder or zip), writing predictions as CSV, Parquet or Arrow.',
  compare: 'Compare two or more bundles on the same test file, with confidence intervals.',
  'ab-bundle': 'Combine bundles into an A/B router bundle with traffic weights.',
  'ab-analyze': 'Analyse the outcome of an A/B test from a joined CSV of units, variants and outcomes.',
  gate: 'Decide in CI whether a challenger model may replace the champion (exit 0 pass, 1 fail, 2 invalid input, 3 inconclusive).',
  registry: 'List, show, register, alias, tag and audit model versions in a registry folder beside the code.',
  pipeline: 'Retrain from pipeline.json, export, gate against the registry champion, and on a pass register and promote.',
  serve: 'Serve a bundle, its unzipped folder or a run over HTTP (MLflow and Open Inference Protocol, metrics, health).',
  sql: 'Write a model and its recipe as one SQL query (DuckDB, PostgreSQL, SQLite, T-SQL, Spark SQL, BigQuery) to score inside a database.',
  loadtest: 'Measure a running scoring endpoint with the rows of a data file (requests/s, p50/p99, errors), and keep the result on a registry version.',
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `modelbench ${pkg.version}`;
}

export function overview(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((n) => n.length));
  const rows = Object.entries(SUMMARIES).map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    'Usage: modelbench <command> [arguments] [flags]',
    '',
    'Commands:',
    ...rows,
    '',
    'Run `modelbench <command> --help` for a command’s flags, `modelbench --version` for the version.',
  ].join('\n');
}

/** A command's help: what it does, then its usage (the same text its errors repeat). */
export function commandHelp(name: string, usage: string): string {
  const lines = [SUMMARIES[name], '', usage];
  if (name === 'train') {
    lines.push('', 'Model options (with --model KIND):');
    for (const meta of Object.values(MODELS)) {
      if (meta.options.length) lines.push(`  ${meta.kind}: ${meta.options.map((o) => `--${o.name}`).join(' ')}`);
    }
    lines.push(
      '',
      'Image folders and zips train on weight-free features (colour, edges, a thumbnail), or with --extractor on what your own',
      'image network computes: a TF.js model.json (its weights files beside it) or an ONNX model, run here, nothing downloaded.',
      '--extractor-scale says how it takes pixels: unit (0 to 1, the default), signed (−1 to 1) or bytes (0 to 255).',
    );
  }
  return lines.join('\n');
}
