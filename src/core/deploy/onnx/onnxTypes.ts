/** ONNX TensorProto.DataType codes used here. */
export const DT = { FLOAT: 1, INT64: 7, STRING: 8, BOOL: 9, DOUBLE: 11 } as const;
export type DataType = (typeof DT)[keyof typeof DT];

/** A constant tensor to store as an initializer. */
export type TensorValue =
  | { type: typeof DT.FLOAT; dims: number[]; values: ArrayLike<number> }
  | { type: typeof DT.DOUBLE; dims: number[]; values: ArrayLike<number> }
  | { type: typeof DT.INT64; dims: number[]; values: ArrayLike<number> }
  | { type: typeof DT.STRING; dims: number[]; values: string[] };

export type AttributeValue =
  | { f: number }
  | { i: number }
  | { s: string }
  | { floats: number[] }
  | { ints: number[] }
  | { strings: string[] }
  | { t: TensorValue };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name: string;
  domain?: string;
  attributes?: Record<string, AttributeValue>;
}

/** A graph input or output: element type and shape, `null` for a symbolic (batch) dimension. */
export interface ValueInfo {
  name: string;
  type: DataType;
  dims: (number | null)[];
}

export interface GraphSpec {
  name: string;
  nodes: NodeSpec[];
  initializers: (TensorValue & { name: string })[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

export interface ModelSpecOnnx {
  graph: GraphSpec;
  /** Operator sets: '' is the default domain. */
  opsets: { domain: string; version: number }[];
  producer: string;
  docString?: string;
  metadata: Record<string, string>;
}
