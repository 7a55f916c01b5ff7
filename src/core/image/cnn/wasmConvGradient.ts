import * as tf from '@tensorflow/tfjs';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * TF.js's WASM backend (4.22) has no `Conv2DBackpropFilter` kernel, so a conv layer cannot learn
 * there. The filter gradient is itself a convolution: of the input seen as C images of N channels
 * by the output gradient seen as an H × W × N × F filter. So it runs the backend's own (XNNPACK)
 * `Conv2D` between two transposes; the 3-D gradient kernel the backend does have was measured
 * several times slower. Registered once, only while TF.js lacks the kernel; stride 1 only (the
 * network's convolutions), checked against the CPU backend in the tests.
 */
export function ensureWasmConvGradient(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') || !tf.getKernel('Conv2D', 'wasm') || !tf.getKernel('Transpose', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }: KernelArgs) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const { strides, pad, filterShape, dataFormat } = attrs as unknown as { strides: number | [number, number]; pad: 'same' | 'valid' | number; filterShape: [number, number, number, number]; dataFormat?: string };
      if (dataFormat === 'NCHW') throw new Error('The WASM convolution gradient supports channels-last images only.');
      if (typeof pad !== 'string') throw new Error('The WASM convolution gradient supports "same" and "valid" padding only.');
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      if (sh !== 1 || sw !== 1) throw new Error('The WASM convolution gradient supports stride 1 only.');
      const run = (name: string, ins: Record<string, tf.TensorInfo>, at: Record<string, unknown>) => tf.getKernel(name, 'wasm')!.kernelFunc({ inputs: ins, backend, attrs: at as tf.NamedAttrMap }) as tf.TensorInfo;
      const [kh, kw] = filterShape;
      // 'same' at stride 1 pads k − 1 in all, the smaller half first, as the forward pass did.
      const [ph, pw] = pad === 'same' ? [kh - 1, kw - 1] : [0, 0];
      const images = run('Transpose', { x }, { perm: [3, 1, 2, 0] });
      const filter = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
      const explicit = [[0, 0], [ph >> 1, ph - (ph >> 1)], [pw >> 1, pw - (pw >> 1)], [0, 0]];
      const product = run('Conv2D', { x: images, filter }, { strides: [1, 1], pad: explicit, dataFormat: 'NHWC', dilations: [1, 1] });
      const dw = run('Transpose', { x: product }, { perm: [1, 2, 0, 3] });
      for (const t of [images, filter, product]) (backend as tf.KernelBackend).disposeData(t.dataId);
      return dw;
    },
  });
}
