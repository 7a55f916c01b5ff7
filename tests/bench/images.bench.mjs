// Section "images": the convolutional network on MB_BENCH_IMAGES (default 10,000) generated 28×28 shape images
// (four classes, seeded, in memory), trained for MB_BENCH_IMAGE_EPOCHS (default 3) epochs on TF.js WASM in Node
// (`images-fit.mts`): training images/s and test accuracy. WebGPU is reported beside it only where a real adapter
// exists; Node has none. As context, scikit-learn's MLPClassifier on the same pixels and split (`images_peer.py`).
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { PYTHON, pythonMissing, runProcess } from './flight-task.mjs';
import { count, printTable, seconds, times } from './format.mjs';

export const name = 'images';
export const title = 'Images: a small convolutional network on 10,000 generated 28×28 shapes (WASM), beside scikit-learn';

/** Why there is no WebGPU figure, or null when Node offers a real adapter (it does not today). */
async function noWebGpu() {
  const gpu = globalThis.navigator?.gpu;
  if (!gpu) return 'not run: Node has no WebGPU (navigator.gpu is missing), and this machine has no GPU adapter';
  const adapter = await gpu.requestAdapter().catch(() => null);
  return adapter && !adapter.info?.isFallbackAdapter ? null : 'not run: no real WebGPU adapter (none, or a software fallback)';
}

export async function run(ctx) {
  const images = Number(process.env.MB_BENCH_IMAGES ?? 10_000);
  const epochs = Number(process.env.MB_BENCH_IMAGE_EPOCHS ?? 3);
  const timeoutMs = ctx.timeoutMs ?? 900_000;
  await mkdir('.bench-data', { recursive: true });
  const prefix = `.bench-data/shapes-${images}`;
  const ours = JSON.parse((await runProcess('node', ['--import', 'tsx', 'tests/bench/images-fit.mts', String(images), String(epochs), prefix], { timeoutMs })).stdout.trim().split('\n').at(-1));
  const gpuMissing = await noWebGpu();
  const missing = pythonMissing(['sklearn', 'numpy']);
  const peer = missing ? null : JSON.parse((await runProcess(PYTHON, ['tests/bench/images_peer.py', prefix, String(epochs)], { timeoutMs })).stdout.trim().split('\n').at(-1));
  const line = (who, r) => [who, seconds(r?.trainMs), r ? count(r.imagesPerSecond) : '—', r ? r.accuracy.toFixed(3) : '—'];
  printTable(`${count(images)} images, 28×28, 4 classes: ${count(ours.trainImages)} training images × ${epochs} epochs, tested on ${count(ours.testImages)}`,
    ['Who', 'Train', 'Images/s', 'Test accuracy'],
    [line(`Modelbench CNN, TF.js ${ours.backend.toUpperCase()} (Node)`, ours),
      [`Modelbench CNN, WebGPU: ${gpuMissing ?? 'measured elsewhere'}`, '—', '—', '—'],
      line(missing ? `scikit-learn: ${missing}` : 'scikit-learn MLPClassifier((64,)), context only', peer)],
    [peer ? `Ours ÷ scikit-learn images/s: ${times(ours.imagesPerSecond / peer.imagesPerSecond)} (different models: a CNN with augmentation vs a dense network on raw pixels).` : 'No scikit-learn to compare with.',
      `Load average when done: ${loadavg()[0].toFixed(1)} (wall times stretch with it).`]);
  return { ours, webgpu: gpuMissing, peer, peerMissing: missing };
}
