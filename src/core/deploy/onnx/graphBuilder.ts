import { DT, type AttributeValue, type GraphSpec, type NodeSpec, type TensorValue, type ValueInfo } from './onnxTypes';

export const ML = 'ai.onnx.ml';

/**
 * Appends nodes and constants with fresh names. The exporter is a straight-line program, so a
 * builder that hands out names is simpler than composing immutable graphs.
 */
export interface GraphBuilder {
  /** Adds a node and returns its (first) output name. */
  op(op: string, inputs: string[], attributes?: Record<string, AttributeValue>, domain?: string, outputs?: number): string;
  /** All outputs of the last `op`, when it has several. */
  lastOutputs(): string[];
  floats(values: ArrayLike<number>, dims?: number[]): string;
  doubles(values: ArrayLike<number>, dims?: number[]): string;
  int64s(values: ArrayLike<number>, dims?: number[]): string;
  /** Renames a value by an Identity node (graph outputs need fixed names). */
  name(value: string, as: string): string;
  build(name: string, inputs: ValueInfo[], outputs: ValueInfo[]): GraphSpec;
}

export function graphBuilder(): GraphBuilder {
  const nodes: NodeSpec[] = [];
  const initializers: (TensorValue & { name: string })[] = [];
  let counter = 0;
  let last: string[] = [];
  const constant = (t: TensorValue) => {
    const name = `c${counter++}`;
    initializers.push({ ...t, name } as TensorValue & { name: string });
    return name;
  };
  return {
    op(op, inputs, attributes, domain, outputs = 1) {
      const id = counter++;
      last = Array.from({ length: outputs }, (_, i) => `${op.toLowerCase()}${id}${i ? `_${i}` : ''}`);
      nodes.push({ op, inputs, outputs: last, name: `${op}_${id}`, ...(attributes ? { attributes } : {}), ...(domain ? { domain } : {}) });
      return last[0];
    },
    lastOutputs: () => last,
    floats: (values, dims = [values.length]) => constant({ type: DT.FLOAT, dims, values }),
    doubles: (values, dims = [values.length]) => constant({ type: DT.DOUBLE, dims, values }),
    int64s: (values, dims = [values.length]) => constant({ type: DT.INT64, dims, values }),
    name(value, as) {
      nodes.push({ op: 'Identity', inputs: [value], outputs: [as], name: `Identity_${as}` });
      return as;
    },
    build: (name, inputs, outputs) => ({ name, nodes, initializers, inputs, outputs }),
  };
}
