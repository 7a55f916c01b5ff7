import * as tf from '@tensorflow/tfjs';
import { DataError } from '../../table';
import type { ExtractorArtifacts } from './extractorFiles';
import type { PixelScale } from './scales';
import { inputLayout, poolOutput, prepareBatch, type InputLayout } from './inputLayout';


/** A loaded feature extractor: what image it takes, and a batch → features function. */
export interface Extractor {
  name: string;
  format: 'layers-model' | 'graph-model' | 'onnx';
  width: number;
  height: number;
  channels: 1 | 3;
  /** Features per image. */
  dims: number;
  /** What was done to the model's output, for people (a dropped softmax head, a pooled feature map), or null. */
  note: string | null;
  /** Features of a batch of n × height × width × channels pixels (0–255), n × dims. */
  run(pixels: Uint8Array, n: number): Promise<Float32Array>;
  dispose(): void;
}

/**
 * Loads a TF.js layers or graph model as a feature extractor. Its input must be an image batch,
 * channels last (n × H × W × C) or first (n × C × H × W), with 1 or 3 channels. A layers model
 * ending in a softmax (a classifier) gives the layer before it, which is what the classifier
 * sees; a feature map (n × h × w × k) is averaged over its positions, so every image gives k numbers.
 */
export async function loadExtractor(model: ExtractorArtifacts, scale: PixelScale): Promise<Extractor> {
  const handler = tf.io.fromMemory(model.artifacts);
  let net: tf.LayersModel | tf.GraphModel;
  try {
    net = model.format === 'graph-model' ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler);
  } catch (e) {
    throw new DataError(`${model.name} could not be loaded by TensorFlow.js: ${(e as Error).message.replace(/\.$/, '')}. Check that the weights files belong to this model.json.`, { file: `${model.name}.json`, code: 'extractor-load' });
  }
  let note: string | null = null;
  if (net instanceof tf.LayersModel) {
    const last = net.layers[net.layers.length - 1];
    const activation = (last.getConfig() as { activation?: string }).activation;
    if (activation === 'softmax' && net.layers.length > 1) {
      const body = tf.model({ inputs: net.inputs, outputs: net.layers[net.layers.length - 2].output as tf.SymbolicTensor });
      note = `Its last layer, "${last.name}", is a classifier's softmax, so the features are the layer before it.`;
      net = body;
    }
  }
  const input = net.inputs[0];
  let layout: InputLayout;
  try {
    layout = inputLayout(input.shape ?? [], net.inputs.length, model.name, `${model.name}.json`);
  } catch (e) {
    net.dispose();
    throw e;
  }
  const { width, height, channels, channelsFirst } = layout;
  const dtype = (input as { dtype?: tf.DataType }).dtype === 'int32' ? 'int32' : 'float32';
  const graph = net;
  // execute() runs a plain graph at once; a graph with control flow needs executeAsync, which it says.
  let asyncGraph = false;
  const call = async (x: tf.Tensor) => {
    if (!(graph instanceof tf.GraphModel)) return graph.predict(x);
    if (!asyncGraph) {
      try {
        return graph.execute(x);
      } catch (e) {
        if (!/executeAsync/.test((e as Error).message)) throw e;
        asyncGraph = true;
      }
    }
    return graph.executeAsync(x);
  };
  const forward = async (pixels: Uint8Array, n: number) => {
    const batch = prepareBatch(pixels, n, layout, scale);
    const x = tf.tidy(() => {
      const t = tf.tensor4d(batch, channelsFirst ? [n, channels, height, width] : [n, height, width, channels]);
      return dtype === 'int32' ? t.round().toInt() : t;
    });
    try {
      const out = await call(x);
      const first = Array.isArray(out) ? out[0] : (out as tf.Tensor);
      const data = await first.data();
      const shape = first.shape;
      tf.dispose(out as tf.Tensor | tf.Tensor[]);
      const pooled = poolOutput(data, shape, channelsFirst);
      return { values: pooled.values, rank: shape.length };
    } finally {
      x.dispose();
    }
  };
  // One blank image tells the feature count, and whether the output was a map to pool.
  let probe: { values: Float32Array; rank: number };
  try {
    probe = await forward(new Uint8Array(width * height * channels), 1);
  } catch (e) {
    graph.dispose();
    throw new DataError(`${model.name} could not run on a ${width} × ${height} image: ${(e as Error).message.replace(/\.$/, '')}. It may use an operation TensorFlow.js cannot run on this backend.`, { file: `${model.name}.json`, code: 'extractor-run' });
  }
  if (probe.rank > 2) note = [note, `Its output is a ${probe.rank === 4 ? 'feature map' : 'sequence'}, averaged over its positions.`].filter(Boolean).join(' ');
  return {
    name: model.name,
    format: model.format,
    width,
    height,
    channels,
    dims: probe.values.length,
    note,
    run: async (pixels, n) => (await forward(pixels, n)).values,
    dispose: () => graph.dispose(),
  };
}
