import type { FittedRecipe } from '../recipe';
import { floatsBase64 } from './base64';
import { assertPortable, requiredInputs } from './requiredInputs';
import { SCORER_RUNTIME } from './scorerRuntime';
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
  return scriptJson({
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
  });
}

const HEADER = (id: ScorerIdentity) =>
  `// scorer.mjs for model ${scriptJson(String(id.name))} version ${scriptJson(String(id.version))}, written by Modelbench.\n` +
  '// Dependency-free: predict(rows) preprocesses raw rows exactly as the studio did, then runs the model.\n';

/** scorer.mjs: an ES module exporting `predict(rows)`, `predictOne(row)` and `meta`. */
export function scorerModule(fitted: FittedRecipe, model: PortableModel, id: ScorerIdentity): string {
  return `${HEADER(id)}const SPEC = ${specJson(fitted, model, id)};\n${SCORER_RUNTIME}${SCORER_TREES}\nexport { predict, predictOne, meta };\n`;
}

/**
 * The same scorer as a classic script that sets `globalThis.ModelbenchScorer`, for pages opened
 * from disk, where Chromium blocks module imports from file://.
 */
export function scorerClassicScript(fitted: FittedRecipe, model: PortableModel, id: ScorerIdentity): string {
  return `(function () {\n${HEADER(id)}var SPEC = ${specJson(fitted, model, id)};\n${SCORER_RUNTIME}${SCORER_TREES}\nglobalThis.ModelbenchScorer = { predict: predict, predictOne: predictOne, meta: meta };\n})();\n`;
}
