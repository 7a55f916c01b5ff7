import { DeployError } from '../errors';
import type { PortableModel } from '../types';
import { ML, type GraphBuilder } from './graphBuilder';
import { DT } from './onnxTypes';

/** TF.js's SELU constants (ONNX's defaults are their float32 roundings). */
const SELU = { alpha: 1.6732632423543772, gamma: 1.0507009873554805 };

/**
 * The forward pass over float [N,1] features: plain columns and embedding lookups concatenated,
 * then dense layers. Returns the last layer's [N, units] output. `anyInput` gives the batch size
 * to a model without inputs (the baseline).
 */
export function networkGraph(g: GraphBuilder, model: PortableModel, features: string[], anyInput: string | undefined): string {
  const first = model.layers[0];
  let h: string;
  if (first.inputs === 0) {
    if (!anyInput) throw new DeployError('The model reads no columns, so the ONNX graph has no input to size its output by; export a model with at least one feature.');
    const zeros = g.op('ConstantOfShape', [g.op('Shape', [anyInput])], { value: { t: { type: DT.FLOAT, dims: [1], values: [0] } } });
    h = g.op('Add', [zeros, g.floats(first.bias, [1, first.units])]);
    return activate(g, h, first.activation);
  }
  const parts: string[] = [];
  if (model.plain.length > 0) {
    const plain = model.plain.map((j) => features[j]);
    parts.push(plain.length === 1 ? plain[0] : g.op('Concat', plain, { axis: { i: 1 } }));
  }
  for (const e of model.embeddings) {
    const codes = g.op('Cast', [features[e.feature]], { to: { i: DT.INT64 } });
    const rows = g.op('Gather', [g.floats(e.table, [e.size, e.width]), codes], { axis: { i: 0 } });
    parts.push(g.op('Flatten', [rows], { axis: { i: 1 } }));
  }
  h = parts.length === 1 ? parts[0] : g.op('Concat', parts, { axis: { i: 1 } });
  for (const layer of model.layers) {
    h = g.op('Add', [g.op('MatMul', [h, g.floats(layer.kernel, [layer.inputs, layer.units])]), g.floats(layer.bias, [layer.units])]);
    h = activate(g, h, layer.activation);
  }
  return h;
}

function activate(g: GraphBuilder, h: string, activation: string): string {
  switch (activation) {
    case 'linear': return h;
    case 'relu': return g.op('Relu', [h]);
    case 'tanh': return g.op('Tanh', [h]);
    case 'sigmoid': return g.op('Sigmoid', [h]);
    case 'softmax': return g.op('Softmax', [h], { axis: { i: 1 } });
    case 'elu': return g.op('Elu', [h], { alpha: { f: 1 } });
    case 'selu': return g.op('Selu', [h], { alpha: { f: SELU.alpha }, gamma: { f: SELU.gamma } });
    default: throw new DeployError(`Activation '${activation}' has no ONNX counterpart here.`);
  }
}

/** Probabilities [N,k], argmax index [N] and the label string [N] from the network output. */
export function classifierOutputs(g: GraphBuilder, out: string, units: number, classes: string[]): { probabilities: string; index: string; label: string } {
  const probabilities = units === 1 ? g.op('Concat', [g.op('Sub', [g.floats([1]), out]), out], { axis: { i: 1 } }) : out;
  const index = g.op('ArgMax', [probabilities], { axis: { i: 1 }, keepdims: { i: 0 } });
  const label = g.op(
    'LabelEncoder',
    [index],
    { keys_int64s: { ints: classes.map((_, i) => i) }, values_strings: { strings: classes }, default_string: { s: '' } },
    ML,
  );
  return { probabilities, index, label };
}
