/**
 * A minimal protobuf writer for the few ONNX messages the exporter emits (ModelProto, GraphProto,
 * NodeProto, TensorProto, ValueInfoProto, AttributeProto). Hand-written rather than onnx-proto:
 * protobufjs generates code with Function, which the studio's CSP forbids, and these messages need
 * only varints, length-delimited fields and fixed32 floats.
 */

/** A message under construction: bytes appended field by field. */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): this {
    this.chunks.push(bytes);
    this.length += bytes.length;
    return this;
  }

  private varint(value: number | bigint): this {
    // Negative int64 values take ten bytes in two's complement.
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v > 0x7fn) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    return this.push(Uint8Array.from(out));
  }

  private tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }

  int(field: number, value: number | bigint): this {
    return this.tag(field, 0).varint(value);
  }

  float(field: number, value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    return this.tag(field, 5).push(b);
  }

  bytes(field: number, value: Uint8Array): this {
    return this.tag(field, 2).varint(value.length).push(value);
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** Packed repeated varints (int64 / int32 lists). */
  packedInts(field: number, values: ArrayLike<number | bigint>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) inner.varint(values[i]);
    return this.bytes(field, inner.finish());
  }

  /** Packed repeated float32. */
  packedFloats(field: number, values: ArrayLike<number>): this {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
    return this.bytes(field, b);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
