import * as tf from '@tensorflow/tfjs';

/**
 * Reads a tensor's values back to the CPU, by the read each backend survives. WebGPU (and WASM,
 * CPU) read asynchronously: WebGPU's synchronous read goes through a canvas, which is slow and, on
 * SwiftShader, returns zeros and then loses the device. WebGL reads synchronously: its asynchronous
 * read polls a fence that never signals once the context is lost, so a loss mid-read would hang.
 */
export async function readBack(t: tf.Tensor): Promise<Float32Array | Int32Array | Uint8Array> {
  return tf.getBackend() === 'webgl' ? (t.dataSync() as Float32Array) : ((await t.data()) as Float32Array);
}
