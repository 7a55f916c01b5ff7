import type { FittedRecipe } from '../../recipe';
import { isStringType } from '../coerceCell';
import { assertPortable, requiredInputs } from '../requiredInputs';
import type { ScorerIdentity } from '../scorerSource';
import type { PortableModel } from '../types';
import { encodeModel } from './encodeModel';
import { graphBuilder, ML } from './graphBuilder';
import { onnxInputNames } from './inputNames';
import { networkGraph, classifierOutputs } from './networkGraph';
import { DT, type ValueInfo } from './onnxTypes';
import { preprocessGraph } from './preprocessGraph';
import { treesGraph } from './treesGraph';

/** Default-domain opset: 13 is the floor the brief sets; 17 adds nothing we need but is widely served. */
const OPSET = 17;
const ML_OPSET = 2;

/**
 * model.onnx: the fitted recipe and the model (network, baseline or tree ensemble) as one graph. Inputs: one [N,1] tensor per required
 * column, named by `onnxInputNames` (float for numbers and booleans, double epoch ms for datetimes,
 * string for text with "" as missing). Outputs: `probabilities` [N,k], `label` [N] (string) and
 * `label_index` [N] (int64) for classification; `value` [N,1] for regression. Metadata carries the
 * classes, the column ↔ input mapping and the model identity.
 */
export function exportOnnx(fitted: FittedRecipe, model: PortableModel, id: ScorerIdentity): Uint8Array {
  assertPortable(fitted);
  const inputs = requiredInputs(fitted);
  const names = onnxInputNames(inputs);
  const g = graphBuilder();
  const { features } = preprocessGraph(g, fitted, inputs, names);
  const { out, units } = model.trees
    ? treesGraph(g, model.trees, features)
    : { out: networkGraph(g, model, features, names[0]), units: model.layers[model.layers.length - 1].units };
  const graphInputs: ValueInfo[] = inputs.map((c, i) => ({
    name: names[i],
    type: isStringType(c.type) ? DT.STRING : c.type === 'datetime' ? DT.DOUBLE : DT.FLOAT,
    dims: [null, 1],
  }));
  let outputs: ValueInfo[];
  if (fitted.task === 'regression') {
    g.name(out, 'value');
    outputs = [{ name: 'value', type: DT.FLOAT, dims: [null, 1] }];
  } else {
    const classes = fitted.classes ?? [];
    const c = classifierOutputs(g, out, units, classes);
    g.name(c.probabilities, 'probabilities');
    g.name(c.label, 'label');
    g.name(c.index, 'label_index');
    outputs = [
      { name: 'probabilities', type: DT.FLOAT, dims: [null, classes.length] },
      { name: 'label', type: DT.STRING, dims: [null] },
      { name: 'label_index', type: DT.INT64, dims: [null] },
    ];
  }
  return encodeModel({
    graph: g.build(`modelbench_${String(id.name).replace(/[^A-Za-z0-9_]/g, '_')}`, graphInputs, outputs),
    opsets: [{ domain: '', version: OPSET }, { domain: ML, version: ML_OPSET }],
    producer: 'Modelbench',
    docString: `Preprocessing and model for '${fitted.target}' (${fitted.task}), model ${id.name} version ${id.version}.`,
    metadata: {
      task: fitted.task,
      target: fitted.target,
      classes: JSON.stringify(fitted.classes ?? []),
      inputs: JSON.stringify(inputs.map((c, i) => ({ column: c.name, input: names[i], type: c.type }))),
      model: String(id.name),
      version: String(id.version),
    },
  });
}
