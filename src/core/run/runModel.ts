import type { BaselineModel, TreeEnsemble } from '../models';
import type { FittedRecipe } from '../recipe';
import { RunFileError } from './runFileError';

/** A trained model as files carry it: a TF.js network's layers files, a tree ensemble or the baseline, whole. */
export type RunModel =
  | BaselineModel
  | TreeEnsemble
  | { kind: 'tf'; modelKind: string; task: FittedRecipe['task']; numClasses: number; embeddings?: { feature: number; size: number }[]; files: { modelJson: string; weights: Uint8Array } };

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/**
 * The files the studio's registry stores for a run: `fitted-recipe.json`, `model-meta.json` (a
 * network's description without its weights; a tree ensemble or the baseline whole) and, for a
 * network, `model.json` + `weights.bin`.
 */
export function studioFiles(fitted: FittedRecipe, model: RunModel): Record<string, Uint8Array> {
  if (model.kind !== 'tf') return { 'fitted-recipe.json': encode(JSON.stringify(fitted)), 'model-meta.json': encode(JSON.stringify(model)) };
  const { files, ...meta } = model;
  return {
    'fitted-recipe.json': encode(JSON.stringify(fitted)),
    'model-meta.json': encode(JSON.stringify(meta)),
    'model.json': encode(files.modelJson),
    'weights.bin': files.weights,
  };
}

/** Parses one JSON file of a run, naming it when it is damaged. */
export function jsonFile<T>(files: Record<string, Uint8Array>, name: string, where: string): T {
  const bytes = files[name];
  if (!bytes) throw new RunFileError(`${where} has no ${name}; its model cannot be loaded without it. Copy the whole folder written by \`modelbench train --out DIR\`.`);
  try {
    return JSON.parse(decode(bytes)) as T;
  } catch (e) {
    throw new RunFileError(`${name} in ${where} is damaged (${(e as Error).message}); copy it again from the folder written by \`modelbench train\`.`);
  }
}

/** The model of a version from the files the studio stores (see `studioFiles`); older versions may keep a tree ensemble as `trees.json`. */
export function modelOfStudioFiles(files: Record<string, Uint8Array>, where: string): { fitted: FittedRecipe; model: RunModel } {
  for (const name of ['fitted-recipe.json', 'model-meta.json']) {
    if (!files[name]) throw new RunFileError(`${where} has no stored ${name}; its run was saved without files, so it cannot be written out. Retrain and register it again.`);
  }
  const fitted = jsonFile<FittedRecipe>(files, 'fitted-recipe.json', where);
  const meta = jsonFile<{ kind?: string; modelKind?: string }>(files, 'model-meta.json', where);
  if (meta.kind === 'tf') {
    const weights = files['weights.bin'];
    if (!weights) throw new RunFileError(`${where} has no weights.bin; its network cannot be loaded without it.`);
    return { fitted, model: { ...(meta as Omit<Extract<RunModel, { kind: 'tf' }>, 'files'>), files: { modelJson: decode(files['model.json'] ?? fail(where, 'model.json')), weights } } };
  }
  if (files['trees.json']) return { fitted, model: jsonFile<TreeEnsemble>(files, 'trees.json', where) };
  if (meta.kind === 'trees' || meta.kind === 'baseline') return { fitted, model: meta as RunModel };
  throw new RunFileError(`${where} holds a model of kind "${String(meta.kind)}", which this version of Modelbench cannot load.`);
}

function fail(where: string, name: string): never {
  throw new RunFileError(`${where} has no ${name}; its network cannot be loaded without it.`);
}
