/**
 * `modelbench score bundle.zip <file> --out predictions.csv|.parquet|.arrow [--chunk N] [--quiet]`
 *
 * Checks the bundle against its manifest, unzips it to a temporary directory, imports its
 * scorer.mjs and scores every row of <file> (CSV, JSON, Parquet, Arrow). Refuses when a required
 * column is missing; reports unseen categories and mistyped columns on stderr. Prints one JSON line.
 * Shows the rows read and scored on stderr when it is a terminal. An image model's folder or zip
 * goes to scoreImages.ts instead.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { checkSchema, predictionsFile, predictionsFormatOf, scoreTable, verifyBundle, type Preprocess, type RowScorer } from '../core/deploy';
import { readTableFile } from './readTableFile';
import { readFlags } from './flags';
import { IMAGE_SCORE_USAGE, modelKind, scoreImagesCommand } from './scoreImages';
import { createProgress } from './progress';
import { formatCount, plural } from '../core/format';

export const USAGE = `Usage: modelbench score bundle.zip <file> --out predictions.csv|.parquet|.arrow [--chunk N] [--quiet]\n       ${IMAGE_SCORE_USAGE.replace('Usage: ', '')}`;

export interface ScoreArgs {
  bundle: string;
  file: string;
  out: string;
  chunk?: number;
  /** No progress line on stderr, even on a terminal. */
  quiet?: boolean;
}

export function parseScoreArgs(argv: string[]): ScoreArgs {
  const { flags, switches, positional } = readFlags(argv, ['out', 'chunk'], USAGE, ['quiet']);
  if (positional.length !== 2) throw new RangeError(`Expected the bundle and one data file, got ${positional.length ? positional.join(', ') : 'nothing'}. ${USAGE}`);
  if (!flags.out) throw new RangeError(`--out is required (.csv, .parquet or .arrow). ${USAGE}`);
  if (!predictionsFormatOf(flags.out)) throw new RangeError(`--out ${flags.out} must end in .csv, .parquet, .arrow or .feather. ${USAGE}`);
  let chunk: number | undefined;
  if (flags.chunk !== undefined) {
    chunk = Number(flags.chunk);
    if (!Number.isInteger(chunk) || chunk < 1) throw new RangeError(`--chunk ${flags.chunk} must be a positive whole number. ${USAGE}`);
  }
  return { bundle: positional[0], file: positional[1], out: flags.out, ...(chunk ? { chunk } : {}), ...(switches.has('quiet') ? { quiet: true } : {}) };
}

export async function scoreCommand(argv: string[]): Promise<number> {
  // An image model (a folder or zip with image-model.json) classifies images instead of scoring rows.
  const [first, second] = readFlags(argv, ['out', 'chunk'], USAGE, ['quiet']).positional;
  const kind = first ? await modelKind(first) : undefined;
  if (kind === 'image') return scoreImagesCommand(argv);
  if (kind === 'folder') throw new RangeError(`${first} is a folder without image-model.json, so it is not a model: score takes a table model's bundle.zip, or an image model's folder or zip. ${USAGE}`);
  if (second && /\.(png|jpe?g|gif|webp|bmp)$/i.test(second)) {
    throw new RangeError(`${second} is an image, but ${first} is not an image model. Images are classified with an image model folder or zip (from modelbench train <images> --model cnn --out DIR, or the studio's "Download the model and an offline demo page"). ${IMAGE_SCORE_USAGE}`);
  }
  // A RangeError here is a usage mistake: main prints it and exits 2.
  const args = parseScoreArgs(argv);
  const zip = new Uint8Array(await readFile(args.bundle));
  const check = verifyBundle(zip);
  if (!check.ok) {
    console.error(`${args.bundle} failed its integrity check:\n  ${check.problems.join('\n  ')}\nExport the bundle again.`);
    return 1;
  }
  const files = unzipSync(zip);
  const preprocess = JSON.parse(new TextDecoder().decode(files['preprocess.json'])) as Preprocess;
  const progress = createProgress({ quiet: args.quiet });
  const { table } = await readTableFile(args.file, { progress });
  const schema = checkSchema(table, preprocess);
  if (!schema.ok) {
    console.error(`${args.file} lacks column(s) ${schema.missing.map((c) => `'${c}'`).join(', ')} that the model needs; add them (empty values are imputed) and score again.`);
    return 1;
  }
  for (const m of schema.mistyped) console.error(`Column '${m.column}' is ${m.actual} here but was ${m.expected} in training; values that do not parse are refused per row.`);
  for (const u of schema.unseen) console.error(`Column '${u.column}' has ${u.rows} row(s) with categories unseen in training (${u.values.slice(0, 5).map((v) => JSON.stringify(v)).join(', ')}…); they are encoded as in training (other / all zeros).`);
  const dir = await mkdtemp(join(tmpdir(), 'modelbench-score-'));
  try {
    const path = join(dir, 'scorer.mjs');
    await writeFile(path, files['scorer.mjs']);
    const scorer = (await import(pathToFileURL(path).href)) as RowScorer;
    const started = performance.now();
    progress.phase('Scoring');
    let scored;
    try {
      scored = await scoreTable(table, scorer, preprocess, { ...(args.chunk ? { chunk: args.chunk } : {}), onProgress: (done, total) => progress.tick(`${formatCount(done)} of ${plural(total, 'row')}`, done / total) });
    } finally {
      progress.clear();
    }
    const seconds = (performance.now() - started) / 1000;
    await writeFile(args.out, predictionsFile(scored.table, predictionsFormatOf(args.out)!));
    console.log(JSON.stringify({ out: args.out, rows: table.rowCount, scored: scored.scored, refused: scored.refused, rowsPerSecond: Math.round(table.rowCount / seconds) }));
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
