/**
 * `pipeline.json`: the experiment a pipeline retrains (data, target, recipe, model, seed, test file)
 * and where it releases to (registry folder, model name, alias, gate policy). Paths are relative to
 * the file. The studio writes it for a run ("Automate this"); `modelbench pipeline run` reads it.
 */
export const PIPELINE_FORMAT = 'modelbench-pipeline/1';

export interface PipelineSpec {
  format: typeof PIPELINE_FORMAT;
  /** The model's name in the registry. */
  name: string;
  /** Training data file (CSV, JSON, Parquet, Arrow). */
  data: string;
  target: string;
  /** Held-out file the model is evaluated and gated on. */
  test: string;
  /** The recipe: a JSON file, the recipe itself, or null for the one the studio proposes. */
  recipe: string | Record<string, unknown> | null;
  model: { kind: string; options: Record<string, string | number | boolean> };
  seed: number;
  /** The registry folder. */
  registry: string;
  /** The alias the gate compares against and moves on a pass. Default "champion". */
  alias: string;
  /** Gate policy: a JSON file, the policy itself, or null for the defaults. */
  policy: string | Record<string, unknown> | null;
  /** Where the run, bundle, report and JUnit file go. Default "modelbench-out". */
  out: string;
}

/** A pipeline file that cannot run; the message names the file, the key and the fix. */
export class PipelineError extends RangeError {
  override name = 'PipelineError';
}

const shown = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Reads and checks a pipeline file's text; `source` names it in messages. */
export function parsePipeline(text: string, source: string): PipelineSpec {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new PipelineError(`${source} is not valid JSON (${(e as Error).message}); export it again from the studio ("Automate this").`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new PipelineError(`${source} must hold one JSON object; got ${shown(raw)}.`);
  const bad = (key: string, want: string): never => {
    throw new PipelineError(`${source}: "${key}" must be ${want}; got ${shown(raw[key])}.`);
  };
  if (raw.format !== PIPELINE_FORMAT) bad('format', `"${PIPELINE_FORMAT}"`);
  const known = new Set(['format', 'name', 'data', 'target', 'test', 'recipe', 'model', 'seed', 'registry', 'alias', 'policy', 'out']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new PipelineError(`${source}: unknown key "${key}"; the keys are ${[...known].join(', ')}.`);
  const text_ = (key: string, fallback?: string): string => {
    const v = raw[key] ?? fallback;
    return typeof v === 'string' && v.trim() !== '' ? v : bad(key, 'a non-empty text');
  };
  const fileOrObject = (key: string) => {
    const v = raw[key] ?? null;
    return v === null || typeof v === 'string' || (typeof v === 'object' && !Array.isArray(v)) ? (v as string | Record<string, unknown> | null) : bad(key, 'a file name, an object, or null');
  };
  const model = raw.model as PipelineSpec['model'] | undefined;
  if (!model || typeof model !== 'object' || typeof model.kind !== 'string') bad('model', 'an object such as {"kind": "gbdt", "options": {}}');
  const options = model!.options ?? {};
  if (typeof options !== 'object' || Array.isArray(options) || Object.values(options).some((v) => !['string', 'number', 'boolean'].includes(typeof v))) bad('model', 'an object whose "options" map option names to numbers, texts or true/false');
  const seed = raw.seed ?? 42;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0) bad('seed', 'a whole number ≥ 0');
  return {
    format: PIPELINE_FORMAT,
    name: text_('name'),
    data: text_('data'),
    target: text_('target'),
    test: text_('test'),
    recipe: fileOrObject('recipe'),
    model: { kind: model!.kind, options },
    seed: seed as number,
    registry: text_('registry'),
    alias: text_('alias', 'champion'),
    policy: fileOrObject('policy'),
    out: text_('out', 'modelbench-out'),
  };
}

/** The `modelbench train` flags of a model's options: `--rounds 300 --learningRate 0.05`. */
export function optionFlags(options: PipelineSpec['model']['options']): string[] {
  return Object.entries(options).flatMap(([name, value]) => [`--${name}`, String(value)]);
}
