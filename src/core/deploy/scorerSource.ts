import type { FittedRecipe } from '../recipe';
import { base64Floats, floatsBase64 } from './base64';
import { assertPortable, requiredInputs } from './requiredInputs';
import { dateKernel, flatRecord } from '../table';
import { cellReader } from './coerceCell';
import { scorerRuntime, type ScorerSpec } from './scorerRuntime';
import { compileTransform } from './scorerTransform';
import { textKernel } from '../text';
import { SCORER_TREES } from './scorerTrees';
import { treesSpec } from './treesSpec';
import type { PortableModel } from './types';

/** Who the scorer says it is (in `meta`). */
export interface ScorerIdentity {
  name: string;
  version: string | number;
}

/**
 * JSON that is also safe inside an HTML `<script>`: `<` (as in `</script>`) and the two line
 * separators are escaped, and non-finite numbers become null (scorer.mjs reads null clip bounds
 * as unbounded).
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function specJson(fitted: FittedRecipe, model: PortableModel, id: ScorerIdentity): string {
  assertPortable(fitted);
  const spec: ScorerSpec = {
    name: id.name,
    version: id.version,
    task: fitted.task,
    target: fitted.target,
    classes: fitted.classes ?? null,
    inputs: requiredInputs(fitted),
    steps: fitted.steps,
    featureNames: fitted.featureNames,
    model: {
      plain: model.plain,
      embeddings: model.embeddings.map((e) => ({ feature: e.feature, size: e.size, width: e.width, table: floatsBase64(e.table) })),
      layers: model.layers.map((l) => ({ inputs: l.inputs, units: l.units, activation: l.activation, kernel: floatsBase64(l.kernel), bias: floatsBase64(l.bias) })),
      ...(model.trees ? { trees: treesSpec(model.trees) } : {}),
    },
  };
  return scriptJson(spec);
}

const HEADER = (id: ScorerIdentity) =>
  `// scorer.mjs for model ${scriptJson(String(id.name))} version ${scriptJson(String(id.version))}, written by Modelbench.\n` +
  '// Dependency-free: predict(rows) preprocesses raw rows exactly as the studio did, then runs the model.\n';

/**
 * The runtime, from the studio's own functions: the date reader training uses, the cell reader,
 * the compiled recipe and the forward pass are emitted with `Function.prototype.toString()`
 * (each reads only its arguments and built-ins, so it survives minification and needs no eval),
 * the tree pass (scorerTrees.ts, kept as text) is wrapped in a function of what it reads, and
 * `flatRecord` reads a nested row as the JSON readers do.
 * Evaluates to `{ predict, predictOne, predictColumns, predictNumbers, meta }`.
 */
function runtimeCall(spec: string): string {
  const trees = `function (SPEC, X, D, floats) {\n${SCORER_TREES}\nreturn TREES ? forwardTrees : null;\n}`;
  // Toolchains that keep function names (tsx, which runs the CLI; esbuild's keepNames) insert `__name(fn, "name")`
  // calls into function bodies, naming a helper of their module that the shipped text lacks: it brings a no-op one.
  // The recipe compiler gets the text step's tokeniser, the studio's own `textKernel`.
  const compile = `function (inputs, steps, names, cells) { return (${compileTransform.toString()})(inputs, steps, names, cells, (${textKernel.toString()})()); }`;
  return `((__name) => (${scorerRuntime.toString()})(${spec}, (${cellReader.toString()})((${dateKernel.toString()})()), ${compile}, ${trees}, ${base64Floats.toString()}, ${flatRecord.toString()}))((f) => f)`;
}

/** scorer.mjs: an ES module exporting `predict(rows)`, `predictOne(row)`, `predictColumns(columns, rows)`, `predictNumbers(columns, values, n)` and `meta`. */
export function scorerModule(fitted: FittedRecipe, model: PortableModel, id: ScorerIdentity): string {
  return `${HEADER(id)}const scorer = ${runtimeCall(specJson(fitted, model, id))};\nconst predict = scorer.predict;\nconst predictOne = scorer.predictOne;\nconst predictColumns = scorer.predictColumns;\nconst predictNumbers = scorer.predictNumbers;\nconst meta = scorer.meta;\nexport { predict, predictOne, predictColumns, predictNumbers, meta };\n`;
}

/**
 * The same scorer as a classic script that sets `globalThis.ModelbenchScorer`, for pages opened
 * from disk, where Chromium blocks module imports from file://.
 */
export function scorerClassicScript(fitted: FittedRecipe, model: PortableModel, id: ScorerIdentity): string {
  return `(function () {\n${HEADER(id)}globalThis.ModelbenchScorer = ${runtimeCall(specJson(fitted, model, id))};\n})();\n`;
}
