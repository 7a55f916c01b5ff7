import type { FittedRecipe } from '../recipe';
import type { Manifest } from '../deploy';
import type { BundleScorer, ServedModel } from './types';

/**
 * What the server knows about a bundle's model, from the files beside scorer.mjs: the input
 * columns with their types and date formats (the scorer's own meta), the categories each encode
 * step learned (a value outside them is refused when training saw no others: nothing would encode
 * it), the manifest's hashes and the drift profile. Shipped in serve.mjs with
 * `Function.prototype.toString()`: reads only its arguments and built-ins.
 */
export function servedModel(scorer: BundleScorer, manifest: Pick<Manifest, 'model' | 'files'>, preprocess: Pick<FittedRecipe, 'steps'>, drift: ServedModel['drift']): ServedModel {
  const categories = new Map<string, { vocabulary: string[]; other: boolean }>();
  for (const step of preprocess.steps) {
    if (step.kind === 'encode') for (const c of step.columns) if (!categories.has(c.name)) categories.set(c.name, { vocabulary: c.vocabulary, other: c.other });
  }
  const columns = scorer.meta.inputs.map((c) => {
    const known = categories.get(c.name);
    return {
      name: c.name,
      type: c.type,
      ...(c.format ? { format: c.format } : {}),
      ...(known ? { categories: known.vocabulary, openCategories: known.other } : {}),
    };
  });
  const hashes: Record<string, string> = {};
  for (const path of Object.keys(manifest.files)) hashes[path] = manifest.files[path].sha256;
  return {
    name: String(manifest.model.name),
    version: manifest.model.version,
    task: scorer.meta.task,
    target: scorer.meta.target,
    classes: scorer.meta.classes,
    columns,
    hashes,
    drift,
    scorer,
  };
}
