import type { FittedRecipe } from './types';

/**
 * A model-input value of `feature` as the person's file wrote it: the fitted scale, log and
 * Yeo-Johnson steps that turned the column into the feature, undone in reverse order ("IMDB Votes
 * = 6,346", not the 8.755 of log(1 + votes), nor a z-score). Clipping and filling have no inverse
 * and leave the value as the model saw it. Features that are not a transformed input column, and
 * non-finite values, come back unchanged. Rounded to 6 significant digits (the model saw a float32),
 * and to a whole number for an integer column.
 */
export function inputValue(fitted: FittedRecipe, feature: string, value: number): number {
  const input = fitted.inputSchema.find((c) => c.name === feature);
  if (!input || !Number.isFinite(value)) return value;
  let v = value;
  let changed = false;
  for (let i = fitted.steps.length - 1; i >= 0; i--) {
    const step = fitted.steps[i];
    if (step.kind === 'scale') {
      const c = step.columns.find((col) => col.name === feature);
      if (c) [v, changed] = [v * c.scale + c.center, true];
    } else if (step.kind === 'power') {
      const c = step.columns.find((col) => col.name === feature);
      if (!c) continue;
      v = 'shift' in c ? Math.expm1(v) - c.shift : yeoJohnsonInverse(v, c.lambda);
      changed = true;
    }
  }
  if (!changed || !Number.isFinite(v)) return value;
  const rounded = Number(v.toPrecision(6));
  return input.type === 'integer' ? Math.round(rounded) : rounded;
}

/** x for which yeoJohnson(x, lambda) = y (see steps/power.ts). */
export function yeoJohnsonInverse(y: number, lambda: number): number {
  if (y >= 0) return Math.abs(lambda) < 1e-12 ? Math.expm1(y) : (y * lambda + 1) ** (1 / lambda) - 1;
  return Math.abs(lambda - 2) < 1e-12 ? -Math.expm1(-y) : 1 - (1 - y * (2 - lambda)) ** (1 / (2 - lambda));
}
