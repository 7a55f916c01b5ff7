import type { RowPrediction } from '../deploy';
import type { ServedModel } from './types';

/** An Open Inference Protocol (v2) tensor. */
export interface V2Tensor {
  name: string;
  datatype: string;
  shape: number[];
  data: unknown[];
}

/**
 * The Open Inference Protocol (v2, as KServe, Seldon MLServer and Triton speak it) over a served
 * model: its metadata, and predictions as output tensors (`label` BYTES [n] and `probabilities` FP64
 * [n, classes] for a classifier, `prediction` FP64 [n] for a regression, plus `error` BYTES [n] when
 * bad rows are answered in place). Shipped in serve.mjs with `Function.prototype.toString()`.
 */
export function inferenceV2(model: Pick<ServedModel, 'name' | 'version' | 'task' | 'classes' | 'columns'>) {
  const datatype = (type: string) => (type === 'boolean' ? 'BOOL' : type === 'integer' ? 'INT64' : type === 'float' ? 'FP64' : 'BYTES');
  const classes = model.classes || [];
  function metadata() {
    return {
      name: model.name,
      versions: [String(model.version)],
      platform: 'modelbench',
      inputs: model.columns.map((c) => ({ name: c.name, datatype: datatype(c.type), shape: [-1] })),
      outputs:
        model.task === 'regression'
          ? [{ name: 'prediction', datatype: 'FP64', shape: [-1] }]
          : [
              { name: 'label', datatype: 'BYTES', shape: [-1] },
              { name: 'probabilities', datatype: 'FP64', shape: [-1, classes.length] },
            ],
    };
  }
  function outputs(predictions: readonly RowPrediction[]): V2Tensor[] {
    const n = predictions.length;
    const errors = predictions.map((p) => ('error' in p ? p.error : ''));
    const out: V2Tensor[] = [];
    if (model.task === 'regression') {
      out.push({ name: 'prediction', datatype: 'FP64', shape: [n], data: predictions.map((p) => ('value' in p ? p.value : null)) });
    } else {
      const probabilities: (number | null)[] = [];
      for (const p of predictions) for (const c of classes) probabilities.push('probabilities' in p ? p.probabilities[c] : null);
      out.push({ name: 'label', datatype: 'BYTES', shape: [n], data: predictions.map((p) => ('label' in p ? p.label : '')) });
      out.push({ name: 'probabilities', datatype: 'FP64', shape: [n, classes.length], data: probabilities });
    }
    if (errors.some((e) => e !== '')) out.push({ name: 'error', datatype: 'BYTES', shape: [n], data: errors });
    return out;
  }
  return { metadata, outputs };
}
