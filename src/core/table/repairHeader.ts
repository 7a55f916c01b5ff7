import type { IngestWarning } from './types';

/**
 * Makes header names usable: an empty name becomes `col_N` (1-based position), a repeated name
 * gets `_2`, `_3`… Returns the names and a `header-repaired` warning when anything changed.
 */
export function repairHeader(raw: string[]): { names: string[]; warning?: IngestWarning } {
  const names: string[] = [];
  const taken = new Set<string>();
  const changes: string[] = [];
  raw.forEach((name, i) => {
    let fixed = name.trim() === '' ? `col_${i + 1}` : name;
    if (taken.has(fixed)) {
      let k = 2;
      while (taken.has(`${fixed}_${k}`)) k++;
      fixed = `${fixed}_${k}`;
    }
    if (fixed !== name) changes.push(`column ${i + 1} (${name.trim() === '' ? 'no name' : `"${name}", a name already taken`}) is now "${fixed}"`);
    taken.add(fixed);
    names.push(fixed);
  });
  if (changes.length === 0) return { names };
  const listed = changes.slice(0, 20).join('; ');
  return {
    names,
    warning: {
      code: 'header-repaired',
      message: `${changes.length === 1 ? 'A column had no name or a repeated one' : `${changes.length} columns had no name or a repeated one`}, so ${changes.length === 1 ? 'it was' : 'they were'} named: ${listed}${changes.length > 20 ? '; …' : ''}. Edit the header row to choose your own names.`,
      count: changes.length,
    },
  };
}
