/** Following "drop it" advice on a recipe: the column joins the recipe's first drop step. */
import type { Step } from './types';

/** True when a drop step of `steps` removes `column`. */
export function isDropped(steps: readonly Step[], column: string): boolean {
  return steps.some((s) => s.kind === 'drop' && s.columns.includes(column));
}

/**
 * `steps` with `column` dropped: added to the first drop step, or a new drop step placed after the
 * row steps (which read the file's own columns) and before every other step. Later steps stop
 * naming it (a step left with no columns goes), since they would refuse a column that is gone.
 * A derived column's expression is left as written: if it reads the column, fitting says so.
 */
export function withColumnDropped(steps: readonly Step[], column: string): Step[] {
  if (isDropped(steps, column)) return [...steps];
  const at = steps.findIndex((s) => s.kind === 'drop');
  let out: Step[];
  let from: number;
  if (at >= 0) {
    out = steps.map((s, i) => (i === at && s.kind === 'drop' ? { ...s, columns: [...s.columns, column] } : s));
    from = at + 1;
  } else {
    const firstColumnStep = steps.findIndex((s) => s.kind !== 'deduplicate' && s.kind !== 'filter');
    const cut = firstColumnStep < 0 ? steps.length : firstColumnStep;
    out = [...steps.slice(0, cut), { kind: 'drop', columns: [column] }, ...steps.slice(cut)];
    from = cut + 1;
  }
  return out.flatMap((s, i) => {
    if (i < from || s.kind === 'derive' || s.kind === 'deduplicate' || s.kind === 'filter' || !s.columns.includes(column)) return [s];
    const columns = s.columns.filter((c) => c !== column);
    return columns.length ? [{ ...s, columns } as Step] : [];
  });
}
