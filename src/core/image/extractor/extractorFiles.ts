import type * as tf from '@tensorflow/tfjs';
import { DataError } from '../../table';

/** One file the user gave for a feature extractor: its name and bytes. */
export interface ExtractorFile {
  name: string;
  bytes: Uint8Array;
}

/** A TF.js model read from its files, ready for `tf.io.fromMemory`. */
export interface ExtractorArtifacts {
  /** The model's name for people: its JSON file's name without `.json` (a folder's name when that is plain "model"). */
  name: string;
  format: 'layers-model' | 'graph-model';
  artifacts: tf.io.ModelArtifacts;
}

const base = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * The model's name for people: its JSON file's name, unless that is the usual "model.json"; then
 * its folder's name, or the name a layers model gives itself, or "your model".
 */
function modelName(path: string, topology: { config?: { name?: unknown }; model_config?: { config?: { name?: unknown } } }): string {
  const name = base(path).replace(/\.json$/i, '');
  if (name.toLowerCase() !== 'model') return name;
  const folder = path.split(/[\\/]/).slice(-2, -1)[0];
  const own = topology.config?.name ?? topology.model_config?.config?.name;
  return folder || (typeof own === 'string' && own ? own : 'your model');
}

const HOW = 'Choose the model.json file together with every weights file (.bin) it lists, as TensorFlow.js saves or converts a model.';

/**
 * Reads a TF.js model from the files the user chose: one model.json (layers or graph format) and the
 * weight shards its manifest names, joined in manifest order. Anything missing, extra or unreadable
 * is a `DataError` naming the file and what to choose instead.
 */
export function extractorArtifacts(files: readonly ExtractorFile[]): ExtractorArtifacts {
  const onnx = files.find((f) => /\.onnx$/i.test(f.name));
  if (onnx) throw new DataError(`${base(onnx.name)} is an ONNX model, and the studio runs TensorFlow.js extractors only (ONNX Runtime would add about 20 MB to the offline studio). Give it to the command line instead (modelbench train <images> --extractor ${base(onnx.name)}), or convert it to TensorFlow.js.`, { file: base(onnx.name), code: 'extractor-onnx' });
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  if (jsons.length !== 1) {
    throw new DataError(jsons.length ? `${jsons.length} JSON files were chosen (${jsons.map((f) => base(f.name)).join(', ')}); a feature extractor has one model.json. ${HOW}` : `No model.json among ${files.map((f) => base(f.name)).join(', ') || 'the chosen files'}. ${HOW}`, { code: 'extractor-files' });
  }
  const json = jsons[0];
  const file = base(json.name);
  let model: { format?: string; modelTopology?: unknown; weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[]; signature?: unknown };
  try {
    model = JSON.parse(new TextDecoder().decode(json.bytes));
  } catch (e) {
    throw new DataError(`${file} is not valid JSON (${(e as Error).message}). ${HOW}`, { file, code: 'extractor-json' });
  }
  if (!model || typeof model !== 'object' || !model.modelTopology || !Array.isArray(model.weightsManifest)) {
    throw new DataError(`${file} is JSON but not a TensorFlow.js model: it has no ${!model?.modelTopology ? '"modelTopology"' : '"weightsManifest"'}. ${HOW}`, { file, code: 'extractor-json' });
  }
  const topology = model.modelTopology as { node?: unknown; config?: { name?: unknown }; model_config?: { config?: { name?: unknown } } };
  const format = model.format === 'graph-model' || (!model.format && Array.isArray(topology.node)) ? 'graph-model' : 'layers-model';
  const byName = new Map(files.map((f) => [base(f.name), f.bytes]));
  const paths = model.weightsManifest.flatMap((group) => group.paths);
  const missing = paths.filter((p) => !byName.has(base(p)));
  if (missing.length) {
    throw new DataError(`${file} lists ${missing.length === 1 ? 'a weights file' : `${missing.length} weights files`} that ${missing.length === 1 ? 'was' : 'were'} not chosen: ${missing.map(base).join(', ')}. Choose ${missing.length === 1 ? 'it' : 'them'} together with ${file}.`, { file, code: 'extractor-weights-missing' });
  }
  const shards = paths.map((p) => byName.get(base(p))!);
  const weightData = new Uint8Array(shards.reduce((sum, s) => sum + s.length, 0));
  let at = 0;
  for (const s of shards) {
    weightData.set(s, at);
    at += s.length;
  }
  const weightSpecs = model.weightsManifest.flatMap((group) => group.weights);
  return {
    name: modelName(json.name, topology),
    format,
    artifacts: {
      modelTopology: model.modelTopology as tf.io.ModelArtifacts['modelTopology'],
      format,
      weightSpecs,
      weightData: weightData.buffer,
      ...(model.signature ? { signature: model.signature as object } : {}),
    },
  };
}
