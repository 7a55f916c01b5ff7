import * as tf from '@tensorflow/tfjs';
import type { Trained } from './types';

/** The TF.js layers-format files of a model: `model.json` text and the `weights.bin` bytes. */
export interface LayersFiles {
  modelJson: string;
  weights: Uint8Array;
}

/**
 * Serialises a network the way `model.save` would, through a custom `tf.io` handler, so the
 * caller decides where bytes go (disk in the CLI, one IndexedDB transaction in the app).
 */
export async function layersFiles(trained: Pick<Extract<Trained, { kind: 'tf' }>, 'model'>, weightsName = 'weights.bin'): Promise<LayersFiles> {
  let files: LayersFiles | undefined;
  await trained.model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
      const weights = new Uint8Array(buffers.reduce((s, b) => s + b.byteLength, 0));
      let at = 0;
      for (const b of buffers) {
        weights.set(new Uint8Array(b), at);
        at += b.byteLength;
      }
      const json = {
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        weightsManifest: [{ paths: [weightsName], weights: artifacts.weightSpecs ?? [] }],
      };
      files = { modelJson: JSON.stringify(json), weights };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
  return files!;
}

/** Loads a model from the two files `layersFiles` produced. */
export async function loadLayersFiles(files: LayersFiles): Promise<tf.LayersModel> {
  const json = JSON.parse(files.modelJson);
  const weightData = files.weights.slice().buffer as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }));
}
