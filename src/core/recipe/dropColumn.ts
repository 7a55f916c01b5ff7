/** Following "drop it" advice on a recipe: the column joins the recipe's first drop step. */
import type { Step } from './types';

/** True when a drop step of `steps` removes `column`. */
export function isDropped(steps: readonly Step[], column: string): boolean {
  return steps.some((s) => s.kind === 'drop' && s.columns.includes(column));
}

/**
 * `steps` with `column` dropped: added to the first drop step, or a new drop step placed after the
 * row steps (which read the file's own columns) and before every other step.
 */
export function withColumnDropped(steps: readonly Step[], column: string): Step[] {
  if (isDropped(steps, column)) return [...steps];
  const at = steps.findIndex((s) => s.kind === 'drop');
  if (at >= 0) return steps.map((s, i) => (i === at && s.kind === 'drop' ? { ...s, columns: [...s.columns, column] } : s));
  const firstColumnStep = steps.findIndex((s) => s.kind !== 'deduplicate' && s.kind !== 'filter');
  const cut = firstColumnStep < 0 ? steps.length : firstColumnStep;
  return [...steps.slice(0, cut), { kind: 'drop', columns: [column] }, ...steps.slice(cut)];
}
