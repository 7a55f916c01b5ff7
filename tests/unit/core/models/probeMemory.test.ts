import { describe, expect, test } from 'vitest';
import type { BackendCandidate } from '../../../../src/core/models/backendProbe';
import { choiceWithoutMeasuring, deviceSignature, probeKey, recalled, SMALL_RUN_ROW_PASSES, type ProbeShape } from '../../../../src/core/models/probeMemory';

const cpuOnly: BackendCandidate[] = [
  { name: 'webgl', available: false, reason: 'no WebGL2 context in this worker' },
  { name: 'webgpu', available: true, fallbackAdapter: true, reason: 'software adapter (SwiftShader)' },
  { name: 'wasm', available: true },
  { name: 'cpu', available: true },
];
const shape: ProbeShape = { kind: 'mlp', task: 'binary', inputWidth: 30, numClasses: 2, embeddings: 0, layers: 2, units: 64, batch: 128, trainRows: 4_000 };

describe('choiceWithoutMeasuring', () => {
  test('measures when two backends could win and the run is large enough to care', () => {
    expect(choiceWithoutMeasuring(cpuOnly, SMALL_RUN_ROW_PASSES + 1, false)).toBeNull();
  });

  test('a small run takes WASM without measuring, and says why', () => {
    const r = choiceWithoutMeasuring(cpuOnly, 8_000, false)!;
    expect(r.chosen).toBe('wasm');
    expect(r.why).toMatch(/^This run is small \(8,000 row passes at most\), so the processor makes little difference: WASM was taken without measuring\./);
    expect(r.candidates.every((c) => c.msPerStep === undefined)).toBe(true);
  });

  test('one backend that can win is taken at once; a software GPU counts only when allowed', () => {
    const wasmGone = cpuOnly.map((c) => (c.name === 'wasm' ? { ...c, available: false } : c));
    expect(choiceWithoutMeasuring(wasmGone, 1e9, false)).toMatchObject({ chosen: 'cpu' });
    expect(choiceWithoutMeasuring(wasmGone, 1e9, true)).toBeNull();
  });
});

describe('probeKey', () => {
  const device = deviceSignature(cpuOnly, 'Chromium (2 cores)');

  test('nearby shapes share a key; another width, batch, kind or device does not', () => {
    const key = probeKey(device, shape, false);
    expect(probeKey(device, { ...shape, inputWidth: 32, trainRows: 9_000 }, false)).toBe(key);
    expect(probeKey(device, { ...shape, inputWidth: 33 }, false)).not.toBe(key);
    expect(probeKey(device, { ...shape, batch: 256 }, false)).not.toBe(key);
    expect(probeKey(device, { ...shape, trainRows: 40_000 }, false)).not.toBe(key);
    expect(probeKey(device, { ...shape, kind: 'logistic' }, false)).not.toBe(key);
    expect(probeKey(device, shape, true)).not.toBe(key);
    expect(probeKey(deviceSignature(cpuOnly, 'Chromium (8 cores)'), shape, false)).not.toBe(key);
    expect(probeKey(deviceSignature([...cpuOnly.slice(1), { name: 'webgl', available: true, device: 'ANGLE (NVIDIA)' }], 'Chromium (2 cores)'), shape, false)).not.toBe(key);
  });

  test('a recalled result says it was measured earlier, once', () => {
    const r = recalled({ chosen: 'wasm', why: 'WASM was fastest.', candidates: cpuOnly }, 'k');
    expect(r).toMatchObject({ key: 'k', remembered: true, why: 'Measured earlier on this device for a model of this shape: WASM was fastest.' });
    expect(recalled(r, 'k').why).toBe(r.why);
  });
});
