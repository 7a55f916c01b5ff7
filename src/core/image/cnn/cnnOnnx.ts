/**
 * The image classifier as model.onnx, built with the deploy folder's graph builder and encoder so
 * ONNX files have one writer. The graph reads decoded pixels as they are and applies the training
 * normalisation itself, so nothing outside it has to know the mean and spread.
 */
import { classifierOutputs, DT, encodeModel, graphBuilder, ML, type GraphBuilder } from '../../deploy';
import { plainLayers, type PlainLayer } from './plainCnn';
import type { ImageModel } from './service';

/** Conv, MaxPool, AveragePool and Softmax over one axis are all in opset 13; 17 matches the table models' model.onnx. */
const OPSET = 17;
/** LabelEncoder (the class name output) with string values, as the table models use it. */
const ML_OPSET = 2;

/** TF.js kernel [kh, kw, in, out] (row-major) as ONNX's [out, in, kh, kw]. */
function onnxKernel(weights: Float32Array, k: number, inputs: number, filters: number): Float32Array {
  const out = new Float32Array(weights.length);
  for (let y = 0; y < k; y++)
    for (let x = 0; x < k; x++)
      for (let i = 0; i < inputs; i++)
        for (let o = 0; o < filters; o++) out[((o * inputs + i) * k + y) * k + x] = weights[((y * k + x) * inputs + i) * filters + o];
  return out;
}

/**
 * One layer over an NCHW tensor (`flat` once a dense layer has run). Convolutions are 'same' with
 * stride 1 and pooling 'valid', as `buildCnn` makes them and `cnnRuntime` runs them; 'same' puts
 * an odd pad's extra pixel at the end, as TF does.
 */
function layerGraph(g: GraphBuilder, x: string, layer: PlainLayer, channels: number, flat: boolean): { x: string; channels: number; flat: boolean } {
  if (layer.type === 'conv') {
    const k = layer.kernel;
    const before = (k - 1) >> 1;
    const after = k - 1 - before;
    const kernel = g.floats(onnxKernel(layer.weights, k, channels, layer.filters), [layer.filters, channels, k, k]);
    const conv = g.op('Conv', [x, kernel, g.floats(layer.bias)], { kernel_shape: { ints: [k, k] }, pads: { ints: [before, before, after, after] }, strides: { ints: [1, 1] } });
    return { x: layer.relu ? g.op('Relu', [conv]) : conv, channels: layer.filters, flat };
  }
  if (layer.type !== 'dense') {
    const pool = g.op(layer.type === 'maxpool' ? 'MaxPool' : 'AveragePool', [x], { kernel_shape: { ints: [layer.size, layer.size] }, strides: { ints: [layer.stride, layer.stride] } });
    return { x: pool, channels, flat };
  }
  // TF.js flattens channels-last, and the dense kernel's rows follow that order: back to NHWC first.
  const h = flat ? x : g.op('Flatten', [g.op('Transpose', [x], { perm: { ints: [0, 2, 3, 1] } })], { axis: { i: 1 } });
  const inputs = layer.weights.length / layer.units;
  const z = g.op('Add', [g.op('MatMul', [h, g.floats(layer.weights, [inputs, layer.units])]), g.floats(layer.bias)]);
  return { x: layer.activation === 'softmax' ? g.op('Softmax', [z], { axis: { i: 1 } }) : g.op('Relu', [z]), channels: layer.units, flat: true };
}

/**
 * model.onnx of a trained image classifier.
 *
 * Input `image`: float32 [N, height, width, channels], the decoded pixel values 0–255, rows top to
 * bottom, channels last (grey, or red, green, blue); the graph subtracts the training mean and
 * divides by the spread per channel. Outputs `probabilities` float32 [N, classes] (in the order of
 * the metadata's `classes`) and `label` int64 [N], the index of the most probable class. The
 * metadata also holds the size, channels and normalisation; the doc string says all this in words.
 */
export function cnnToOnnx(model: ImageModel): Uint8Array {
  const { width, height, channels, classNames, normalisation: norm } = model;
  const layers = plainLayers(model.files);
  const last = layers[layers.length - 1];
  if (last?.type !== 'dense' || last.activation !== 'softmax' || last.units !== classNames.length)
    throw new Error(`The image model's last layer should be a softmax over its ${classNames.length} classes; train it again to export it as ONNX.`);
  const g = graphBuilder();
  const normalised = g.op('Div', [g.op('Sub', ['image', g.floats(norm.mean)]), g.floats(norm.std)]);
  let state = { x: g.op('Transpose', [normalised], { perm: { ints: [0, 3, 1, 2] } }), channels: channels as number, flat: false };
  for (const layer of layers) state = layerGraph(g, state.x, layer, state.channels, state.flat);
  // The same outputs as the table classifiers' model.onnx: the class name, its index, the probabilities.
  const c = classifierOutputs(g, state.x, classNames.length, classNames);
  g.name(c.probabilities, 'probabilities');
  g.name(c.label, 'label');
  g.name(c.index, 'label_index');
  const colour = channels === 1 ? 'grey (one channel)' : 'colour (red, green, blue)';
  return encodeModel({
    graph: g.build(
      'modelbench_image_classifier',
      [{ name: 'image', type: DT.FLOAT, dims: [null, height, width, channels] }],
      [
        { name: 'probabilities', type: DT.FLOAT, dims: [null, classNames.length] },
        { name: 'label', type: DT.STRING, dims: [null] },
        { name: 'label_index', type: DT.INT64, dims: [null] },
      ],
    ),
    opsets: [{ domain: '', version: OPSET }, { domain: ML, version: ML_OPSET }],
    producer: 'Modelbench',
    docString:
      `Classifies ${width} × ${height} ${colour} images into ${classNames.length} classes: ${classNames.join(', ')}. ` +
      `Input 'image': float32 [N, ${height}, ${width}, ${channels}], pixel values 0 to 255, rows top to bottom, channels last; ` +
      `the graph normalises them as training did. Outputs 'probabilities' [N, ${classNames.length}] in the class order above and in ` +
      `metadata 'classes', 'label' [N], the most probable class's name, and 'label_index' [N], its index in that list.`,
    metadata: {
      task: 'image classification',
      classes: JSON.stringify(classNames),
      input: 'image: float32 [N, height, width, channels], pixel values 0-255, channels last',
      width: String(width),
      height: String(height),
      channels: String(channels),
      mean: JSON.stringify(norm.mean),
      std: JSON.stringify(norm.std),
    },
  });
}
