import type { ProfileLike } from './propose';

/**
 * The per-column figures `proposeRecipe` reads from a profile report (types, missing counts,
 * skewness). The studio and the CLI both propose from them, so the same file gets the same
 * recipe in both; only these cross to the recipe worker, not the whole report.
 */
export function toProfileLike(profile: unknown): ProfileLike | undefined {
  const columns = (profile as { columns?: { name: string; type: string; missing: number; numeric?: { skewness: number } }[] } | undefined)?.columns;
  if (!columns) return undefined;
  return { columns: columns.map((c) => ({ name: c.name, type: c.type as never, missing: c.missing, skewness: c.numeric?.skewness })) };
}
