/**
 * When measuring the backends is worth its seconds, and remembering what a measurement found.
 *
 * Measuring costs a few batches per backend (seconds on a software GPU), so it runs only when it can
 * change the choice:
 * - models without TF.js training steps (trees, the baseline) are never measured (the caller skips them);
 * - a backend that cannot win is not measured: one that did not start, one that failed earlier in
 *   the session, or a software GPU unless the person allowed it;
 * - with one backend left, it is taken without measuring;
 * - a run so small that it ends in about a second whatever the backend (training rows × epochs at
 *   most `SMALL_RUN_ROW_PASSES`) takes WASM (else CPU) without measuring;
 * - a measurement made earlier on the same device for the same model shape is reused.
 */
import { BACKEND_LABELS, chooseBackend, type BackendCandidate, type ProbeResult } from './backendProbe';
import type { Task } from '../recipe';
import type { ModelKind } from './types';
import { formatCount } from '../format';

/**
 * Training rows × epochs below which the backend choice does not matter: 50,000 row passes take
 * about a second on WASM (50k rows/s for a 2 × 64 MLP) and some three on CPU, less than measuring.
 */
export const SMALL_RUN_ROW_PASSES = 50_000;

/** The model and data shape a measurement holds for. Nearby shapes share a bucket. */
export interface ProbeShape {
  kind: ModelKind;
  task: Task;
  inputWidth: number;
  numClasses: number;
  embeddings: number;
  layers?: number;
  units?: number;
  batch: number;
  trainRows: number;
}

const pow2 = (n: number) => (n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n)));
const magnitude = (n: number) => (n < 1 ? 0 : Math.floor(Math.log10(n)));

/** The device as the probe sees it: which backends started, on which adapters, in which browser and how many cores. */
export function deviceSignature(candidates: readonly BackendCandidate[], environment: string): string {
  return [environment, ...candidates.map((c) => `${c.name}:${c.available ? 1 : 0}${c.fallbackAdapter ? 's' : ''}:${c.device ?? ''}`)].join('|');
}

/**
 * The key a measurement is remembered under: the device, then the shape in buckets (input width and
 * units to the next power of two, training rows to their order of magnitude; batch and layers exact).
 */
export function probeKey(device: string, shape: ProbeShape, allowFallback: boolean): string {
  const parts = [
    shape.kind,
    shape.task,
    `in${pow2(shape.inputWidth)}`,
    `out${pow2(shape.numClasses)}`,
    `emb${shape.embeddings}`,
    `layers${shape.layers ?? '-'}`,
    `units${shape.units === undefined ? '-' : pow2(shape.units)}`,
    `batch${shape.batch}`,
    `rows1e${magnitude(shape.trainRows)}`,
    allowFallback ? 'software-gpu-allowed' : '',
  ];
  return `${device}#${parts.join('/')}`;
}

/** Backends that could win: started, not ruled out earlier, and not a software GPU unless allowed. */
export function contenders(candidates: readonly BackendCandidate[], allowFallback: boolean): BackendCandidate[] {
  return candidates.filter((c) => c.available && (allowFallback || !c.fallbackAdapter));
}

/**
 * The choice when measuring cannot change it (one contender, or a run of at most
 * `SMALL_RUN_ROW_PASSES` row passes), with a sentence saying so; null when measuring is worth it.
 */
export function choiceWithoutMeasuring(candidates: readonly BackendCandidate[], rowPasses: number, allowFallback: boolean): ProbeResult | null {
  const left = contenders(candidates, allowFallback);
  const base = chooseBackend(candidates, { allowFallback });
  const tail = base.why.replace(/^[^.]*\.\s*/, '');
  const notes = tail ? ` ${tail}` : '';
  if (left.length <= 1) {
    const chosen = left[0]?.name ?? 'cpu';
    return { ...base, chosen, why: `${BACKEND_LABELS[chosen]} is the only processor that can train here, so nothing was measured.${notes}` };
  }
  if (rowPasses <= SMALL_RUN_ROW_PASSES) {
    const chosen = left.some((c) => c.name === 'wasm') ? 'wasm' : 'cpu';
    return { ...base, chosen, why: `This run is small (${formatCount(rowPasses)} row passes at most), so the processor makes little difference: ${BACKEND_LABELS[chosen]} was taken without measuring.${notes}` };
  }
  return null;
}

/** A remembered measurement, marked so people read that it was measured earlier, not now. */
export function recalled(result: ProbeResult, key: string): ProbeResult {
  const why = result.why.startsWith('Measured earlier') ? result.why : `Measured earlier on this device for a model of this shape: ${result.why}`;
  return { ...result, key, remembered: true, why };
}
