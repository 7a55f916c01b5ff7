import { readFile } from 'node:fs/promises';
import { analyzeExperiment, type ExperimentRow, type VariantWeight } from '../core/abtest';
import { cellText, cellValue, DataError, parseCsv, type Table } from '../core/table';
import { readFlags } from './flags';

const USAGE =
  'Usage: modelbench ab-analyze <joined.csv> --weights 90,10 [--variants champion,challenger] [--metric conversion|value] [--planned N] [--tau2 X]\n' +
  '  The CSV needs columns unitId (or unit_id), variant, and conversion or value. Bare weights follow --variants,\n' +
  '  else the order in which variants first appear in the file; or name them: --weights champion=90,challenger=10.';

/** Command-line flags of `modelbench ab-analyze`, validated. */
export interface AbAnalyzeArgs {
  file: string;
  /** Weights as given: named pairs, or bare numbers to match with `variants`. */
  weights: { name?: string; weight: number }[];
  variants?: string[];
  metric: 'conversion' | 'value';
  planned?: number;
  tau2?: number;
}

function positiveNumber(flag: string, text: string): number {
  const v = Number(text);
  if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${flag} must be a positive number; got "${text}". ${USAGE}`);
  return v;
}

/** Parses argv; throws a RangeError naming the bad flag and the usage. */
export function parseAbAnalyzeArgs(argv: string[]): AbAnalyzeArgs {
  const { flags, positional } = readFlags(argv, ['weights', 'variants', 'metric', 'planned', 'tau2'], USAGE);
  if (positional.length > 1) throw new RangeError(`Only one input file is analysed; got "${positional[0]}" and "${positional[1]}". ${USAGE}`);
  const metric = flags.metric ?? 'conversion';
  if (metric !== 'conversion' && metric !== 'value') throw new RangeError(`--metric must be "conversion" or "value"; got "${metric}". ${USAGE}`);
  const args: Partial<AbAnalyzeArgs> & { metric: 'conversion' | 'value' } = { metric, file: positional[0] };
  if (flags.weights !== undefined) {
    args.weights = flags.weights.split(',').map((part) => {
      const [name, weight] = part.includes('=') ? part.split('=') : [undefined, part];
      return { name: name?.trim(), weight: positiveNumber('--weights', weight.trim()) };
    });
  }
  if (flags.variants !== undefined) args.variants = flags.variants.split(',').map((s) => s.trim());
  if (flags.planned !== undefined) args.planned = positiveNumber('--planned', flags.planned);
  if (flags.tau2 !== undefined) args.tau2 = positiveNumber('--tau2', flags.tau2);
  if (!args.file) throw new RangeError(`No input file given. ${USAGE}`);
  if (!args.weights || args.weights.length < 2) throw new RangeError(`--weights needs at least two values, like 90,10. ${USAGE}`);
  if (args.variants && args.variants.length !== args.weights.length) {
    throw new RangeError(`--variants names ${args.variants.length} variant(s) but --weights gives ${args.weights.length}; give one weight per variant. ${USAGE}`);
  }
  return args as AbAnalyzeArgs;
}

function column(table: Table, names: string[], required: boolean) {
  const found = table.columns.find((c) => names.includes(c.name));
  if (!found && required) {
    throw new DataError(`"${table.name}" has no ${names.join(' or ')} column (columns: ${table.columns.map((c) => c.name).join(', ')}). Rename the column or join the outcomes first.`, { file: table.name, column: names[0] });
  }
  return found;
}

/** Reads the joined log into experiment rows. */
export function tableToExperimentRows(table: Table, metric: 'conversion' | 'value'): ExperimentRow[] {
  const unit = column(table, ['unitId', 'unit_id'], true)!;
  const variant = column(table, ['variant'], true)!;
  const outcome = column(table, [metric], true)!;
  const rows: ExperimentRow[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    const raw = cellValue(outcome, i);
    const number = typeof raw === 'boolean' ? Number(raw) : typeof raw === 'number' ? raw : raw === null ? null : Number.NaN;
    if (Number.isNaN(number)) throw new DataError(`Row ${i + 1} of "${table.name}" has ${metric} "${raw}", not a number. Use 0/1 or true/false for conversions, numbers for values.`, { file: table.name, row: i + 1, column: metric });
    rows.push({ unitId: cellText(unit, i), variant: cellText(variant, i), [metric]: number });
  }
  return rows;
}

function resolveWeights(args: AbAnalyzeArgs, rows: ExperimentRow[]): VariantWeight[] {
  if (args.weights.every((w) => w.name)) return args.weights.map((w) => ({ name: w.name!, weight: w.weight }));
  const order = args.variants ?? [...new Set(rows.map((r) => r.variant))];
  if (order.length !== args.weights.length) {
    throw new DataError(`The file has ${order.length} variant(s) (${order.join(', ')}) but --weights gives ${args.weights.length}. Name them: --weights ${order.map((v) => `${v}=…`).join(',')}.`, { column: 'variant' });
  }
  return order.map((name, i) => ({ name, weight: args.weights[i].weight }));
}

/** `modelbench ab-analyze`: prints the experiment analysis as JSON on stdout. */
export async function abAnalyzeCommand(argv: string[]): Promise<number> {
  const args = parseAbAnalyzeArgs(argv);
  const { table } = parseCsv(await readFile(args.file), { fileName: args.file });
  const rows = tableToExperimentRows(table, args.metric);
  const weights = resolveWeights(args, rows);
  const analysis = analyzeExperiment(rows, { weights, metric: args.metric, plannedSampleSize: args.planned, tau2: args.tau2 });
  process.stdout.write(`${JSON.stringify({ file: args.file, weights, ...analysis }, null, 2)}\n`);
  return 0;
}
