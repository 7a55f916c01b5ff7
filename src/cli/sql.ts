/**
 * `modelbench sql <bundle.zip | run-dir> --dialect D [--table T] [--id COL] [--form select|view|function] [--out model.sql]`
 *
 * Writes the model and its fitted recipe as one SQL query for a database engine. A run directory
 * (from `modelbench train`) works for every model kind; a bundle works for networks (it carries
 * model.json and weights.bin) and its manifest hash goes into the header. Without --out the SQL
 * goes to stdout; with it, one JSON line reports the file.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { strFromU8 } from 'fflate';
import { compileSql, DeployError, modelFromLayersFiles, portableOf, SQL_DIALECTS, SQL_FORMS, verifyBundle, type Preprocess, type SqlDialectName, type SqlForm } from '../core/deploy';
import { sha256HexSync } from '../core/hash';
import { unzipChecked } from '../core/zip';
import { bundleModel } from './export';
import { readFlags } from './flags';
import { readRunDirectory } from './readRunDirectory';

export const USAGE = 'Usage: modelbench sql <bundle.zip | run-dir> --dialect duckdb|postgres|sqlite|tsql|spark|bigquery [--table T] [--id COL] [--form select|view|function] [--name NAME] [--version V] [--out model.sql]';

export interface SqlArgs {
  source: string;
  dialect: SqlDialectName;
  table?: string;
  id?: string;
  form: SqlForm;
  name?: string;
  version?: string;
  out?: string;
}

export function parseSqlArgs(argv: string[]): SqlArgs {
  const { flags, positional } = readFlags(argv, ['dialect', 'table', 'id', 'form', 'name', 'version', 'out'], USAGE);
  if (positional.length !== 1) throw new RangeError(`${positional.length ? `Expected one bundle or run directory, got ${positional.join(', ')}.` : 'Name the bundle (.zip) or the run directory.'} ${USAGE}`);
  if (!flags.dialect) throw new RangeError(`--dialect is required (${SQL_DIALECTS.join(', ')}). ${USAGE}`);
  if (!(SQL_DIALECTS as readonly string[]).includes(flags.dialect)) throw new RangeError(`--dialect ${flags.dialect} is not one of ${SQL_DIALECTS.join(', ')}. ${USAGE}`);
  const form = flags.form ?? 'select';
  if (!(SQL_FORMS as readonly string[]).includes(form)) throw new RangeError(`--form ${form} is not one of ${SQL_FORMS.join(', ')}. ${USAGE}`);
  const optional = Object.fromEntries((['table', 'id', 'name', 'version', 'out'] as const).filter((k) => flags[k] !== undefined).map((k) => [k, flags[k]]));
  return { source: positional[0], dialect: flags.dialect as SqlDialectName, form: form as SqlForm, ...optional };
}

/** The model of a bundle zip: a network's TF.js files, `trees.json` or `baseline.json`. */
async function fromBundle(path: string) {
  const bytes = new Uint8Array(await readFile(path));
  const check = verifyBundle(bytes);
  if (!check.ok || !check.manifest) throw new DeployError(`${path} is not an intact bundle: ${check.problems.join(' ')}`);
  const files = unzipChecked(bytes, { what: 'bundle', redo: 'export the bundle again with Modelbench' });
  const fitted = JSON.parse(strFromU8(files['preprocess.json'])) as Preprocess;
  const json = (name: string) => JSON.parse(strFromU8(files[name]));
  const model = files['model.json'] && files['weights.bin']
    ? modelFromLayersFiles({ modelJson: strFromU8(files['model.json']), weights: files['weights.bin'] }, fitted)
    : files['trees.json'] ? portableOf({ fitted, model: { kind: 'trees', ensemble: json('trees.json') } })
      : files['baseline.json'] ? portableOf({ fitted, model: { kind: 'baseline', baseline: json('baseline.json') } })
        : undefined;
  if (!model) {
    throw new DeployError(
      `${path} was exported by an older Modelbench that kept a tree ensemble or the baseline only inside scorer.mjs and model.onnx; its model.sql is the DuckDB query. Export the bundle again, or run modelbench sql on the run directory it came from.`,
      { file: path },
    );
  }
  return { fitted, model, name: check.manifest.model.name, version: check.manifest.model.version, manifestHash: sha256HexSync(files['manifest.json']) };
}

async function fromRunDirectory(dir: string) {
  const run = await readRunDirectory(dir);
  const model = portableOf({ fitted: run.fitted, model: bundleModel(run) });
  return { fitted: run.fitted, model, name: basename(resolve(dir)), version: 1 };
}

export async function sqlCommand(argv: string[]): Promise<number> {
  // A RangeError here is a usage mistake: main prints it and exits 2.
  const args = parseSqlArgs(argv);
  const isDir = (await stat(args.source)).isDirectory();
  const input = isDir ? await fromRunDirectory(args.source) : await fromBundle(args.source);
  const sql = compileSql(
    { ...input, name: args.name ?? input.name, version: args.version ?? input.version },
    { dialect: args.dialect, form: args.form, ...(args.table ? { table: args.table } : {}), ...(args.id !== undefined ? { id: args.id } : {}) },
  );
  if (!args.out) {
    process.stdout.write(sql);
    return 0;
  }
  await writeFile(args.out, sql);
  console.log(JSON.stringify({ out: args.out, dialect: args.dialect, form: args.form, bytes: Buffer.byteLength(sql) }));
  return 0;
}
