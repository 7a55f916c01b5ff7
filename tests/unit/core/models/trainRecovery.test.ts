import { describe, expect, test } from 'vitest';
import { planRecovery, TrainingStoppedError, type FailedAttempt, type RecoveryContext } from '../../../../src/core/models/trainRecovery';

const probe = {
  chosen: 'webgpu' as const,
  why: '',
  candidates: [
    { name: 'webgpu' as const, available: true, msPerStep: 1 },
    { name: 'webgl' as const, available: true, msPerStep: 3 },
    { name: 'wasm' as const, available: true, msPerStep: 2 },
    { name: 'cpu' as const, available: true, msPerStep: 9 },
  ],
};
const lostAt7: FailedAttempt = { cause: 'device-lost', detail: 'The WebGL context was lost.', backend: 'webgl', started: true, finishedEpochs: 7 };
const ctx = (over: Partial<RecoveryContext> = {}): RecoveryContext => ({ requested: 'auto', probe, failed: [], stallMs: 20_000, ...over });

const advice = 'The training worker may have run out of memory, or other programs may be taking the processor; try a smaller sample or fewer features, or close other busy tabs and programs, then train again.';

describe('planRecovery', () => {
  test('a lost context mid-run continues on the next backend by measured speed', () => {
    expect(planRecovery(lostAt7, ctx())).toEqual({
      from: 'webgl', to: 'webgpu', cause: 'device-lost', finishedEpochs: 7, resumeEpoch: 1,
      message: 'The WebGL context was lost after epoch 7 — restarting on WebGPU from epoch 1',
    });
  });

  test('with a checkpoint the run continues from the epoch after it', () => {
    expect(planRecovery({ ...lostAt7, checkpoint: { epoch: 7, done: false } }, ctx({ failed: ['webgpu'] }))).toEqual({
      from: 'webgl', to: 'wasm', cause: 'device-lost', finishedEpochs: 7, resumeEpoch: 8,
      message: 'The WebGL context was lost after epoch 7 — continuing on WASM from epoch 8',
    });
    // An epoch whose checkpoint had not arrived yet is trained again.
    expect(planRecovery({ ...lostAt7, checkpoint: { epoch: 6, done: false } }, ctx({ failed: ['webgpu'] }))).toMatchObject({ resumeEpoch: 7, message: 'The WebGL context was lost after epoch 7 — continuing on WASM from epoch 7' });
  });

  test('a checkpoint taken after training ended keeps every epoch', () => {
    const lostInEvaluation: FailedAttempt = { cause: 'device-lost', detail: 'The WebGPU device was lost (destroyed on purpose).', backend: 'webgpu', started: true, finishedEpochs: 12, checkpoint: { epoch: 12, done: true } };
    expect(planRecovery(lostInEvaluation, ctx({ requested: 'webgpu', probe: null }))).toMatchObject({
      to: 'wasm', resumeEpoch: 13,
      message: 'The WebGPU device was lost (destroyed on purpose) after epoch 12 — continuing on WASM with the trained weights (all 12 epochs kept)',
    });
  });

  test('backends that failed before are skipped', () => {
    expect(planRecovery(lostAt7, ctx({ failed: ['webgpu'] }))).toMatchObject({ to: 'wasm' });
  });

  test('a stall names the backend and the silence', () => {
    const stall: FailedAttempt = { cause: 'stall', detail: '', backend: 'webgpu', started: true, finishedEpochs: 0 };
    expect(planRecovery(stall, ctx())).toMatchObject({ to: 'wasm', message: 'WebGPU made no progress for 20 s — restarting on WASM from epoch 1' });
    expect(planRecovery(stall, ctx({ stallMs: 250 }))).toMatchObject({ message: 'WebGPU made no progress for 250 ms — restarting on WASM from epoch 1' });
  });

  test('a failure while measuring measures again without that backend', () => {
    const inProbe: FailedAttempt = { cause: 'stall', detail: '', backend: 'webgpu', started: false, finishedEpochs: 0 };
    expect(planRecovery(inProbe, ctx({ probe: null }))).toEqual({
      from: 'webgpu', to: 'auto', cause: 'stall', finishedEpochs: 0, resumeEpoch: 1,
      message: 'WebGPU made no progress for 20 s while measuring — measuring again without WebGPU',
    });
  });

  test('an explicitly requested backend falls back to WASM, then CPU, without a probe', () => {
    const lost = { ...lostAt7, started: false };
    expect(planRecovery(lost, ctx({ requested: 'webgl', probe: null }))).toMatchObject({ to: 'wasm' });
    expect(planRecovery({ ...lost, backend: 'wasm', cause: 'stall' }, ctx({ requested: 'webgl', probe: null, failed: ['webgl'] }))).toMatchObject({ to: 'cpu' });
  });

  test('stops with a clear error when nothing is left, or the failing backend is unknown', () => {
    const last = planRecovery({ cause: 'stall', detail: '', backend: 'cpu', started: true, finishedEpochs: 2 }, ctx({ failed: ['webgpu', 'wasm', 'webgl'] }));
    expect(last).toBeInstanceOf(TrainingStoppedError);
    expect((last as Error).message).toBe(`Training stopped: CPU made no progress for 20 s, and no other backend is left to try (tried WebGPU, WASM, WebGL, CPU). ${advice}`);
    const unknown = planRecovery({ cause: 'stall', detail: '', backend: null, started: false, finishedEpochs: 0 }, ctx());
    expect((unknown as Error).message).toBe(`Training stopped: Training made no progress for 20 s before a backend was chosen (while preparing the data). ${advice}`);
    // A lost GPU can come back after a reload, so that advice stays there.
    const lost = planRecovery({ ...lostAt7, backend: 'cpu' }, ctx({ failed: ['webgpu', 'wasm', 'webgl'] }));
    expect((lost as Error).message).toMatch(/Reload the page and try again\.$/);
  });

  test('a stall on work that no backend switch can help stops at once, says how long and on how many rows, and advises no reload', () => {
    const trees: FailedAttempt = { cause: 'stall', detail: '', backend: 'cpu', started: true, finishedEpochs: 12 };
    const stopped = planRecovery(trees, ctx({ stallMs: 140_000, rows: 3_000_000, backendMatters: false }));
    expect(stopped).toBeInstanceOf(TrainingStoppedError);
    expect((stopped as Error).message).toBe(`Training stopped: it made no progress for 2 minutes on 3,000,000 rows. ${advice}`);
    expect((stopped as Error).message).not.toMatch(/reload/i);
  });
});
