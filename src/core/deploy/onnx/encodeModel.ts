import { ProtoWriter } from './proto';
import { DT, type AttributeValue, type ModelSpecOnnx, type NodeSpec, type TensorValue, type ValueInfo } from './onnxTypes';

/** IR version 8 goes with opset 13–18; onnxruntime 1.14+ reads it. */
const IR_VERSION = 8;

function tensor(w: ProtoWriter, t: TensorValue, name?: string) {
  w.packedInts(1, t.dims);
  w.int(2, t.type);
  if (name) w.string(8, name);
  if (t.type === DT.STRING) {
    for (const s of t.values) w.string(6, s);
    return;
  }
  const n = t.values.length;
  const size = t.type === DT.FLOAT ? 4 : 8;
  const raw = new Uint8Array(n * size);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < n; i++) {
    if (t.type === DT.FLOAT) view.setFloat32(i * 4, t.values[i], true);
    else if (t.type === DT.DOUBLE) view.setFloat64(i * 8, t.values[i], true);
    else view.setBigInt64(i * 8, BigInt(t.values[i]), true);
  }
  w.bytes(9, raw);
}

function attribute(w: ProtoWriter, name: string, a: AttributeValue) {
  w.string(1, name);
  if ('f' in a) w.float(2, a.f).int(20, 1);
  else if ('i' in a) w.int(3, a.i).int(20, 2);
  else if ('s' in a) w.string(4, a.s).int(20, 3);
  else if ('t' in a) w.message(5, (t) => tensor(t, a.t)).int(20, 4);
  else if ('floats' in a) w.packedFloats(7, a.floats).int(20, 6);
  else if ('ints' in a) w.packedInts(8, a.ints).int(20, 7);
  else {
    for (const s of a.strings) w.string(9, s);
    w.int(20, 8);
  }
}

function node(w: ProtoWriter, n: NodeSpec) {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name);
  w.string(4, n.op);
  for (const [name, a] of Object.entries(n.attributes ?? {})) w.message(5, (m) => attribute(m, name, a));
  if (n.domain) w.string(7, n.domain);
}

function valueInfo(w: ProtoWriter, v: ValueInfo) {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tt) => {
      tt.int(1, v.type);
      tt.message(2, (shape) => {
        v.dims.forEach((d, i) => shape.message(1, (dim) => (d === null ? dim.string(2, i === 0 ? 'N' : `d${i}`) : dim.int(1, d))));
      });
    }),
  );
}

/** The ModelProto bytes of `model`. */
export function encodeModel(model: ModelSpecOnnx): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, IR_VERSION);
  w.string(2, model.producer);
  if (model.docString) w.string(6, model.docString);
  w.message(7, (g) => {
    for (const n of model.graph.nodes) g.message(1, (m) => node(m, n));
    g.string(2, model.graph.name);
    for (const t of model.graph.initializers) g.message(5, (m) => tensor(m, t, t.name));
    for (const v of model.graph.inputs) g.message(11, (m) => valueInfo(m, v));
    for (const v of model.graph.outputs) g.message(12, (m) => valueInfo(m, v));
  });
  for (const o of model.opsets) w.message(8, (m) => m.string(1, o.domain).int(2, o.version));
  for (const [key, value] of Object.entries(model.metadata)) w.message(14, (m) => m.string(1, key).string(2, value));
  return w.finish();
}
