import type { FittedRecipe } from '../../recipe';

/**
 * Why model.onnx cannot reproduce `fitted`, or undefined when it can. The text step splits text
 * into runs of Unicode letters and digits; opset 17 has no operator that tokenises text that way
 * (StringSplit and RegexFullMatch arrive in opset 20, and only split on one separator), so
 * `TfIdfVectorizer` would count different tokens from the studio's and the bundle leaves ONNX out.
 */
export function onnxGap(fitted: FittedRecipe): string | undefined {
  const at = fitted.steps.findIndex((s) => s.kind === 'text');
  if (at < 0) return undefined;
  return `The ONNX path does not cover the text step (step ${at + 1}): ONNX has no tokeniser that splits text into words as the studio does, so this bundle has no model.onnx. Score with scorer.mjs or serve.mjs, which apply the same tokenisation as training.`;
}
