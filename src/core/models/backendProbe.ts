/**
 * Choosing a TF.js backend from measurements: pure decisions over what the train worker measured
 * (which backends started, whether a GPU is a software fallback, milliseconds per training step),
 * plus the order to fall back in when a backend fails mid-run.
 */
import type { BackendName } from './backend';

/** Every backend the train worker knows, fastest-in-principle first. */
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** How people call each backend in messages. */
export const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** One backend as the probe found it. */
export interface BackendCandidate {
  name: BackendName;
  /** The backend started in this context (adapter found, context created, binary loaded). */
  available: boolean;
  /** Why it is unavailable, or why its figure is missing. */
  reason?: string;
  /**
   * The GPU is a software rasteriser (WebGPU fallback adapter, SwiftShader, llvmpipe): measured,
   * but never chosen unless `allowFallback` is set, because such adapters are slow and are where
   * device loss and hangs show up.
   */
  fallbackAdapter?: boolean;
  /** Median wall-clock milliseconds of the timed training steps (batches), after the warm-up ones. */
  msPerStep?: number;
  /** The adapter or renderer behind a GPU backend, so a remembered measurement holds for this device only. */
  device?: string;
}

export interface ProbeResult {
  candidates: BackendCandidate[];
  chosen: BackendName;
  /** One sentence for people: why `chosen` won, what was ruled out and why. */
  why: string;
  /** The device and model shape this measurement is remembered under (absent when it must not be reused). */
  key?: string;
  /** True when the figures come from an earlier measurement on this device, not from this run. */
  remembered?: boolean;
}

export interface ChooseOptions {
  /** Let a software (fallback) GPU adapter win on speed. Default false. */
  allowFallback?: boolean;
  /** Rows per step, to phrase the figures in `why` (optional). */
  batchSize?: number;
}

/** Device strings (adapter vendor/architecture/description, WebGL renderer) that mean a software GPU. */
const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|software|basic render driver|microsoft basic/i;

/** True when any of the given adapter or renderer descriptions names a software GPU. */
export function isSoftwareAdapter(...descriptions: (string | undefined | null)[]): boolean {
  return descriptions.some((d) => !!d && SOFTWARE_GPU.test(d));
}

/** Median of the step times after dropping `warmup` leading ones (shader compilation, first allocations). */
export function msPerStep(stepMs: readonly number[], warmup: number): number | undefined {
  const timed = stepMs.slice(warmup).filter(Number.isFinite).sort((a, b) => a - b);
  if (timed.length === 0) return undefined;
  const mid = timed.length >> 1;
  return timed.length % 2 ? timed[mid] : (timed[mid - 1] + timed[mid]) / 2;
}

const fmt = (ms: number) => (ms >= 10 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2));

function eligible(c: BackendCandidate, allowFallback: boolean): boolean {
  return c.available && (allowFallback || !c.fallbackAdapter);
}

/**
 * Picks the backend with the lowest `msPerStep` among the available ones (software GPUs excluded
 * unless allowed). With no figures at all (a model with no training steps, or every measurement
 * failed), it takes WASM, then CPU, and never an unmeasured GPU. CPU is the answer of last resort.
 */
export function chooseBackend(candidates: readonly BackendCandidate[], options: ChooseOptions = {}): ProbeResult {
  const allowFallback = options.allowFallback ?? false;
  const measured = candidates.filter((c) => eligible(c, allowFallback) && c.msPerStep !== undefined).sort((a, b) => a.msPerStep! - b.msPerStep!);
  const notes: string[] = [];
  for (const c of candidates) {
    const label = BACKEND_LABELS[c.name];
    if (!c.available) notes.push(`${label} unavailable${c.reason ? ` (${c.reason})` : ''}`);
    else if (c.fallbackAdapter && !allowFallback) notes.push(`${label} is a software fallback adapter${c.msPerStep !== undefined ? `, measured at ${fmt(c.msPerStep)} ms` : ''} but never chosen by default`);
    else if (c.msPerStep === undefined && c.reason) notes.push(`${label} not measured (${c.reason})`);
  }
  const tail = notes.length ? ` ${notes.join('; ')}.` : '';
  if (measured.length > 0) {
    const [best, ...rest] = measured;
    const unit = options.batchSize ? ` per batch of ${options.batchSize} rows` : ' per training step';
    const others = rest.map((c) => `${BACKEND_LABELS[c.name]} ${fmt(c.msPerStep!)} ms`).join(', ');
    const why = `${BACKEND_LABELS[best.name]} was fastest: ${fmt(best.msPerStep!)} ms${unit}${others ? ` (${others})` : ''}.${tail}`;
    return { candidates: [...candidates], chosen: best.name, why };
  }
  const fallback = (['wasm', 'cpu'] as const).find((n) => candidates.some((c) => c.name === n && c.available)) ?? 'cpu';
  return { candidates: [...candidates], chosen: fallback, why: `No training steps were measured, so ${BACKEND_LABELS[fallback]} was taken as the safe default.${tail}` };
}

/**
 * The backend to continue on after `failed` (and every backend in `tried`) broke: the next
 * eligible one by measured speed, then the unmeasured WASM and CPU. Null when nothing is left.
 * GPUs that were never measured are not offered: a second unknown GPU is the likeliest to fail too.
 */
export function nextBackend(probe: Pick<ProbeResult, 'candidates'> | null, tried: readonly BackendName[], options: ChooseOptions = {}): BackendName | null {
  const allowFallback = options.allowFallback ?? false;
  const candidates = probe?.candidates ?? [];
  const left = candidates.filter((c) => !tried.includes(c.name) && eligible(c, allowFallback));
  const measured = left.filter((c) => c.msPerStep !== undefined).sort((a, b) => a.msPerStep! - b.msPerStep!);
  if (measured.length) return measured[0].name;
  for (const name of ['wasm', 'cpu'] as const) {
    if (tried.includes(name)) continue;
    const c = candidates.find((x) => x.name === name);
    // Without a probe, assume WASM and CPU start; with one, trust what it saw.
    if (!c ? name === 'cpu' || !probe : c.available) return name;
  }
  return null;
}
