import type { BaselineModel, LayersFiles, TreeEnsemble } from '../models';
import type { FittedRecipe } from '../recipe';
import type { Activation, DenseLayer, EmbeddingTable, PortableModel } from './types';
import { DeployError } from './errors';

interface LayerJson {
  name: string;
  class_name: string;
  config: { name?: string; units?: number; activation?: string; use_bias?: boolean; input_dim?: number; output_dim?: number };
  inbound_nodes?: [string, number, number, unknown][][];
}

const ACTIVATIONS = new Set<Activation>(['linear', 'relu', 'tanh', 'elu', 'selu', 'sigmoid', 'softmax']);

/** Splits the weights file into named Float32Arrays, in manifest order. */
function namedWeights(specs: { name: string; shape: number[]; dtype: string }[], bytes: Uint8Array): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (const s of specs) {
    if (s.dtype !== 'float32') throw new DeployError(`Weight '${s.name}' is ${s.dtype}; only float32 weights can be exported. Retrain without quantisation.`);
    const n = s.shape.reduce((a, b) => a * b, 1);
    if (at + n * 4 > bytes.byteLength) throw new DeployError(`The weights file is ${bytes.byteLength} bytes, too short for '${s.name}'; re-save the model.`);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = view.getFloat32(at + i * 4, true);
    out.set(s.name, values);
    at += n * 4;
  }
  return out;
}

/**
 * Lifts the dense and embedding weights out of TF.js layers-format files (as written by
 * `layersFiles` or `modelbench train`), without loading TF.js.
 */
export function modelFromLayersFiles(files: LayersFiles, fitted: FittedRecipe): PortableModel {
  const json = JSON.parse(files.modelJson) as {
    modelTopology: { class_name: string; config: { layers: LayerJson[] } | LayerJson[] };
    weightsManifest: { weights: { name: string; shape: number[]; dtype: string }[] }[];
  };
  const weights = namedWeights(json.weightsManifest.flatMap((m) => m.weights), files.weights);
  const config = json.modelTopology.config;
  const layers = Array.isArray(config) ? config : config.layers;
  const take = (name: string) => {
    const w = weights.get(name);
    if (!w) throw new DeployError(`model.json names no weight '${name}'; the files do not belong together. Re-export the run.`);
    return w;
  };
  const dense: DenseLayer[] = [];
  const embeddingLayers: { input: string; table: Float32Array; size: number; width: number }[] = [];
  for (const layer of layers) {
    const name = layer.config.name ?? layer.name;
    if (layer.class_name === 'Dense') {
      const units = layer.config.units!;
      const activation = (layer.config.activation ?? 'linear') as Activation;
      if (!ACTIVATIONS.has(activation)) throw new DeployError(`Layer '${name}' uses activation '${activation}', which the portable bundle does not implement.`);
      const kernel = take(`${name}/kernel`);
      const bias = layer.config.use_bias === false ? new Float32Array(units) : take(`${name}/bias`);
      dense.push({ inputs: kernel.length / units, units, activation, kernel, bias });
    } else if (layer.class_name === 'Embedding') {
      const input = layer.inbound_nodes?.[0]?.[0]?.[0] ?? '';
      embeddingLayers.push({ input, table: take(`${name}/embeddings`), size: layer.config.input_dim!, width: layer.config.output_dim! });
    } else if (!['InputLayer', 'Flatten', 'Concatenate'].includes(layer.class_name)) {
      throw new DeployError(`Layer '${name}' is a ${layer.class_name}, which the portable bundle does not implement.`);
    }
  }
  if (dense.length === 0) throw new DeployError('model.json has no Dense layer; it is not a Modelbench network.');
  // The network builder names embedding inputs `embedding_<i>` in the order of `fitted.embeddings`.
  const embeddings: EmbeddingTable[] = fitted.embeddings.map((e, i) => {
    const layer = embeddingLayers.find((l) => l.input === `embedding_${i}`) ?? embeddingLayers[i];
    if (!layer) throw new DeployError(`The recipe embeds feature '${fitted.featureNames[e.feature]}' but the model has no embedding for it; export the model trained with this recipe.`);
    return { feature: e.feature, size: layer.size, width: layer.width, table: layer.table };
  });
  const used = embeddingLayers.length > 0 ? embeddings : [];
  const embedded = new Set(used.map((e) => e.feature));
  const plain = fitted.featureNames.map((_, j) => j).filter((j) => !embedded.has(j));
  const expected = plain.length + used.reduce((s, e) => s + e.width, 0);
  if (dense[0].inputs !== expected) {
    throw new DeployError(`The first layer takes ${dense[0].inputs} inputs but the recipe yields ${expected}; the model and preprocess.json do not belong together.`);
  }
  return { task: fitted.task, source: 'tf', plain, embeddings: used, layers: dense };
}

/**
 * The baseline as one linear layer with no inputs: the bias is the priors (or the mean), so every
 * row gets them even when a feature is NaN.
 */
export function modelFromBaseline(baseline: BaselineModel, fitted: FittedRecipe): PortableModel {
  const units = baseline.output.length;
  return {
    task: fitted.task,
    source: 'baseline',
    plain: [],
    embeddings: [],
    layers: [{ inputs: 0, units, activation: 'linear', kernel: new Float32Array(0), bias: Float32Array.from(baseline.output) }],
  };
}

/**
 * A tree ensemble as a portable model. Checks that it reads the recipe's X: a mismatch means the
 * run's files do not belong together, and scoring would silently read the wrong columns.
 */
export function modelFromTrees(ensemble: TreeEnsemble, fitted: FittedRecipe): PortableModel {
  const d = fitted.featureNames.length;
  if (ensemble.features !== d) {
    throw new DeployError(`The tree ensemble reads ${ensemble.features} features but the recipe yields ${d}; trees.json and preprocess.json do not belong together. Re-export the run.`);
  }
  if (ensemble.task !== fitted.task) {
    throw new DeployError(`The tree ensemble was trained for ${ensemble.task} but the recipe is for ${fitted.task}; trees.json and preprocess.json do not belong together. Re-export the run.`);
  }
  const k = fitted.task === 'regression' ? 1 : (fitted.classes?.length ?? 0);
  if (ensemble.numClasses !== k) {
    throw new DeployError(`The tree ensemble has ${ensemble.numClasses} classes but the recipe has ${k}; trees.json and preprocess.json do not belong together. Re-export the run.`);
  }
  return { task: fitted.task, source: 'trees', plain: [], embeddings: [], layers: [], trees: ensemble };
}
