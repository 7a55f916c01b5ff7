import { describe, expect, test } from 'vitest';
import { chooseBackend, isSoftwareAdapter, msPerStep, nextBackend, type BackendCandidate } from '../../../../src/core/models/backendProbe';

const gpu = (ms?: number, extra: Partial<BackendCandidate> = {}): BackendCandidate => ({ name: 'webgpu', available: true, ...(ms !== undefined ? { msPerStep: ms } : {}), ...extra });
const gl = (ms?: number, extra: Partial<BackendCandidate> = {}): BackendCandidate => ({ name: 'webgl', available: true, ...(ms !== undefined ? { msPerStep: ms } : {}), ...extra });
const wasm = (ms?: number, extra: Partial<BackendCandidate> = {}): BackendCandidate => ({ name: 'wasm', available: true, ...(ms !== undefined ? { msPerStep: ms } : {}), ...extra });
const cpu = (ms?: number): BackendCandidate => ({ name: 'cpu', available: true, ...(ms !== undefined ? { msPerStep: ms } : {}) });

describe('chooseBackend', () => {
  test('takes the fastest measured backend and lists the others', () => {
    const r = chooseBackend([gpu(0.8), gl(2), wasm(1.5), cpu(6)], { batchSize: 128 });
    expect(r.chosen).toBe('webgpu');
    expect(r.why).toBe('WebGPU was fastest: 0.80 ms per batch of 128 rows (WASM 1.5 ms, WebGL 2.0 ms, CPU 6.0 ms).');
  });

  test('a software fallback adapter is measured but never wins by default, and why says so', () => {
    const r = chooseBackend([gpu(0.5, { fallbackAdapter: true }), gl(undefined, { available: false, reason: 'OffscreenCanvas is missing' }), wasm(3), cpu(9)]);
    expect(r.chosen).toBe('wasm');
    expect(r.why).toContain('WebGPU is a software fallback adapter, measured at 0.50 ms but never chosen by default');
    expect(r.why).toContain('WebGL unavailable (OffscreenCanvas is missing)');
  });

  test('allowFallback lets a software adapter win on speed', () => {
    expect(chooseBackend([gpu(0.5, { fallbackAdapter: true }), wasm(3)], { allowFallback: true }).chosen).toBe('webgpu');
  });

  test('unavailable backends never win, whatever their figure', () => {
    expect(chooseBackend([gpu(0.1, { available: false }), cpu(5)]).chosen).toBe('cpu');
  });

  test.each<[string, BackendCandidate[], string]>([
    ['nothing measured: WASM before CPU, never an unmeasured GPU', [gpu(), gl(), wasm(), cpu()], 'wasm'],
    ['WASM missing: CPU', [gpu(), wasm(undefined, { available: false }), cpu()], 'cpu'],
    ['no candidates at all: CPU', [], 'cpu'],
  ])('%s', (_, candidates, chosen) => {
    const r = chooseBackend(candidates);
    expect(r.chosen).toBe(chosen);
    expect(r.why).toMatch(/^No training steps were measured/);
  });

  test('returns the candidates it was given', () => {
    const candidates = [wasm(2), cpu(4)];
    expect(chooseBackend(candidates).candidates).toEqual(candidates);
  });
});

describe('nextBackend', () => {
  const probe = { candidates: [gpu(1), gl(4), wasm(2), cpu(8)] };

  test('follows measured speed, skipping what failed', () => {
    expect(nextBackend(probe, ['webgpu'])).toBe('wasm');
    expect(nextBackend(probe, ['webgpu', 'wasm'])).toBe('webgl');
    expect(nextBackend(probe, ['webgpu', 'wasm', 'webgl'])).toBe('cpu');
    expect(nextBackend(probe, ['webgpu', 'wasm', 'webgl', 'cpu'])).toBeNull();
  });

  test('skips software adapters unless allowed', () => {
    const soft = { candidates: [gpu(1), gl(0.5, { fallbackAdapter: true }), wasm(2), cpu(8)] };
    expect(nextBackend(soft, ['webgpu'])).toBe('wasm');
    expect(nextBackend(soft, ['webgpu'], { allowFallback: true })).toBe('webgl');
  });

  test('without a probe: WASM, then CPU', () => {
    expect(nextBackend(null, ['webgl'])).toBe('wasm');
    expect(nextBackend(null, ['webgl', 'wasm'])).toBe('cpu');
    expect(nextBackend(null, ['webgl', 'wasm', 'cpu'])).toBeNull();
  });

  test('never offers an unmeasured GPU, and trusts the probe about WASM', () => {
    const unmeasured = { candidates: [gpu(), gl(3), wasm(undefined, { available: false }), cpu()] };
    expect(nextBackend(unmeasured, ['webgl'])).toBe('cpu');
  });
});

describe('msPerStep', () => {
  test.each<[number[], number, number | undefined]>([
    [[900, 40, 30, 10, 12, 11, 14, 13], 3, 12],
    [[900, 40, 30, 10, 12, 11, 14], 3, 11.5],
    [[5], 0, 5],
    [[500, 40], 3, undefined],
    [[], 0, undefined],
  ])('%j after %i warm-up steps → %s', (steps, warmup, expected) => {
    expect(msPerStep(steps, warmup)).toBe(expected);
  });
});

describe('isSoftwareAdapter', () => {
  test.each<[(string | undefined)[], boolean]>([
    [['google', 'swiftshader', ''], true],
    [['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)'], true],
    [['llvmpipe (LLVM 15.0.6, 256 bits)'], true],
    [['nvidia', 'ampere', undefined], false],
    [['ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)'], false],
    [[undefined, ''], false],
  ])('%j → %s', (descriptions, expected) => {
    expect(isSoftwareAdapter(...descriptions)).toBe(expected);
  });
});
