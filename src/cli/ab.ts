import { readFile } from 'node:fs/promises';
import { analyzeExperiment, describeWeights, experimentOutcome, experimentRows, logVariants, resolveWeights, type GivenWeight, type OutcomeMetric } from '../core/abtest';
import { parseCsv } from '../core/table';
import { readFlags } from './flags';

export const USAGE =
  'Usage: modelbench ab-analyze <joined.csv> --weights control=90,challenger=10 [--outcome COL] [--metric conversion|value] [--planned N] [--tau2 X]\n' +
  '  The CSV needs a unit id column (unitId, unit_id, unit, user_id or userId), variant, and an outcome column\n' +
  '  (--outcome COL; default conversion or value). A 0/1 or true/false outcome is compared as a rate, any other\n' +
  '  as a mean; --metric forces either. Name each variant\'s weight: the control is the variant called control,\n' +
  '  champion, baseline or A, else the first named. Bare weights (--weights 90,10) are accepted with --variants in\n' +
  '  the same order, or when exactly one variant has such a control name: it comes first, the others alphabetically.\n' +
  '  The weights used are printed on stderr, the analysis as JSON on stdout.';

/** Command-line flags of `modelbench ab-analyze`, validated. */
export interface AbAnalyzeArgs {
  file: string;
  /** Weights as given: named pairs, or bare numbers to match by the documented rule. */
  weights: GivenWeight[];
  variants?: string[];
  outcome?: string;
  metric?: OutcomeMetric;
  planned?: number;
  tau2?: number;
}

function positiveNumber(flag: string, text: string): number {
  const v = Number(text);
  if (!(text.trim() !== '' && Number.isFinite(v) && v > 0)) throw new RangeError(`${flag} must be a positive number; got "${text}". ${USAGE}`);
  return v;
}

/** Parses argv; throws a RangeError naming the bad flag and the usage. */
export function parseAbAnalyzeArgs(argv: string[]): AbAnalyzeArgs {
  const { flags, positional } = readFlags(argv, ['weights', 'variants', 'outcome', 'metric', 'planned', 'tau2'], USAGE);
  if (positional.length > 1) throw new RangeError(`Only one input file is analysed; got "${positional[0]}" and "${positional[1]}". ${USAGE}`);
  const metric = flags.metric;
  if (metric !== undefined && metric !== 'conversion' && metric !== 'value') throw new RangeError(`--metric must be "conversion" or "value"; got "${metric}". ${USAGE}`);
  const args: Partial<AbAnalyzeArgs> = { file: positional[0], ...(metric ? { metric } : {}) };
  if (flags.weights !== undefined) {
    args.weights = flags.weights.split(',').map((part) => {
      const at = part.indexOf('=');
      if (at < 0) return { weight: positiveNumber('--weights', part.trim()) };
      const name = part.slice(0, at).trim();
      if (!name) throw new RangeError(`--weights has "${part}" with no variant name before "=". ${USAGE}`);
      return { name, weight: positiveNumber('--weights', part.slice(at + 1).trim()) };
    });
  }
  if (flags.variants !== undefined) args.variants = flags.variants.split(',').map((s) => s.trim());
  if (flags.outcome !== undefined) args.outcome = flags.outcome;
  if (flags.planned !== undefined) args.planned = positiveNumber('--planned', flags.planned);
  if (flags.tau2 !== undefined) args.tau2 = positiveNumber('--tau2', flags.tau2);
  if (!args.file) throw new RangeError(`No input file given. ${USAGE}`);
  if (!args.weights || args.weights.length < 2) throw new RangeError(`--weights needs at least two values, like control=90,challenger=10. ${USAGE}`);
  if (args.variants && args.variants.length !== args.weights.length) {
    throw new RangeError(`--variants names ${args.variants.length} variant(s) but --weights gives ${args.weights.length}; give one weight per variant. ${USAGE}`);
  }
  return args as AbAnalyzeArgs;
}

/**
 * `modelbench ab-analyze`: prints the experiment analysis as JSON on stdout, and on stderr the
 * weights and outcome it used, so a bare-weight mapping is never silent.
 */
export async function abAnalyzeCommand(argv: string[]): Promise<number> {
  const args = parseAbAnalyzeArgs(argv);
  const { table } = parseCsv(await readFile(args.file), { fileName: args.file });
  const outcome = experimentOutcome(table, args);
  const resolved = resolveWeights(args.weights, logVariants(table).variants, args.variants);
  const rows = experimentRows(table, outcome.metric, outcome.column);
  const { weights } = resolved;
  const analysis = analyzeExperiment(rows, { weights, metric: outcome.metric, plannedSampleSize: args.planned, tau2: args.tau2 });
  process.stderr.write(`${describeWeights(resolved)}\nOutcome: ${outcome.column}, compared as ${outcome.metric === 'conversion' ? 'a rate' : 'a mean'} (${outcome.reason}).\n`);
  process.stdout.write(`${JSON.stringify({ file: args.file, weights, outcome: outcome.column, ...analysis }, null, 2)}\n`);
  return 0;
}
