import type { FittedRecipe, InputColumn } from '../recipe';
import { DeployError } from './errors';

/** Column names a fitted step reads. */
function stepColumns(step: FittedRecipe['steps'][number]): string[] {
  if (step.kind === 'drop' || step.kind === 'datetime') return step.columns;
  if (step.kind === 'derive') return [];
  return step.columns.map((c) => c.name);
}

/**
 * The input columns a row must carry: every column of the training schema except those whose
 * first mention in the recipe is a drop step (an ID or a leaky column need not be sent to score).
 */
export function requiredInputs(fitted: FittedRecipe): InputColumn[] {
  const optional = new Set<string>();
  const touched = new Set<string>();
  for (const step of fitted.steps) {
    for (const name of stepColumns(step)) {
      if (step.kind === 'drop' && !touched.has(name)) optional.add(name);
      touched.add(name);
    }
  }
  return fitted.inputSchema.filter((c) => !optional.has(c.name));
}

/**
 * Refuses recipes the portable paths cannot reproduce. A derive step runs an arquero expression,
 * which scorer.mjs (no eval under the studio's CSP) and ONNX cannot run in general, so export
 * stops and names the step rather than shipping a bundle that disagrees with the studio.
 */
export function assertPortable(fitted: FittedRecipe): void {
  fitted.steps.forEach((step, i) => {
    if (step.kind === 'derive') {
      throw new DeployError(
        `Derived column '${step.name}' (step ${i + 1}) uses an arquero expression, which the portable bundle cannot run; drop the step, or compute '${step.name}' in the data before training, then export again.`,
        { step: i + 1, column: step.name },
      );
    }
  });
}
