/** Longest name suggested; the registry accepts up to 128 characters, but a name is read in tables and file names. */
const MAX_SUGGESTED = 64;

/**
 * `text` as a registry and bundle name: lowercase letters, digits, `.`, `_` and `-`, with every other
 * run of characters turned into one `-` (the rule Deploy uses for a bundle's file names).
 */
function modelNameSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
}

/**
 * The name offered when a run is registered: its data file's name without extensions, then its
 * target (`penguins.json` predicting `Species` → `penguins-species`), so every version trained to
 * answer the same question on the same data lands under one model. The target is left out when the
 * file name already says it.
 */
export function suggestModelName(dataFileName: string, target: string | null): string {
  const stem = modelNameSlug(dataFileName.replace(/(\.(csv|tsv|txt|json|jsonl|ndjson|parquet|arrow|feather|ipc|gz|zip))+$/i, ''));
  const goal = target ? modelNameSlug(target) : '';
  const parts = [stem, goal && !stem.split(/[-._]/).includes(goal) && stem !== goal ? goal : ''].filter(Boolean);
  const name = parts.join('-').slice(0, MAX_SUGGESTED).replace(/[-._]+$/, '');
  return name || 'model';
}
