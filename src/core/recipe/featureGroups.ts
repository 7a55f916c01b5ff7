import type { FittedRecipe } from './types';

/**
 * Groups the columns of X by the input column they came from (one-hot columns, missing
 * indicators and datetime parts join their source), so importance is reported per input column.
 * Derived columns form their own group.
 */
export function featureGroups(fitted: FittedRecipe): { name: string; columns: number[] }[] {
  const sources = [...fitted.inputSchema.map((c) => c.name), ...fitted.steps.flatMap((s) => (s.kind === 'derive' ? [s.name] : []))];
  // Longest names first, so 'a_b' wins over 'a' for a feature named 'a_b_missing'.
  const byLength = [...sources].sort((a, b) => b.length - a.length);
  const groups = new Map<string, number[]>();
  fitted.featureNames.forEach((feature, j) => {
    const source = byLength.find((s) => feature === s || feature.startsWith(`${s}=`) || feature.startsWith(`${s}_`)) ?? feature;
    if (!groups.has(source)) groups.set(source, []);
    groups.get(source)!.push(j);
  });
  return [...groups].map(([name, columns]) => ({ name, columns }));
}
