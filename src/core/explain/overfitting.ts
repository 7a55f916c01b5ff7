/**
 * Names overfitting from the training history: the held-out loss turned upward while the training
 * loss kept falling, with the epoch (or boosting round) where it started and the one the model kept.
 */

/** One point of a training history (an `EpochLog` has these fields). */
export interface LossPoint {
  /** 1-based epoch, boosting round or tree count. */
  epoch: number;
  loss: number;
  valLoss: number | null;
}

export interface OverfitOptions {
  /** The epoch whose weights the model kept (early stopping); default: the last one. */
  bestEpoch?: number;
  /** What one step is called: "epoch" (default), "round", "tree". */
  step?: string;
  /** What the held-out loss is called: "validation" (default) or "out-of-bag". */
  held?: string;
}

export interface Overfitting {
  /** The step with the lowest held-out loss, after which it rose. */
  startedAfter: number;
  /** The step the model kept. */
  kept: number;
  sentence: string;
}

/** The held-out loss must end at least this share above its minimum to count as rising (noise stays below). */
export const OVERFIT_RISE = 0.02;
/** Steps after the minimum needed before a rise is called a trend. */
const MIN_STEPS_AFTER = 2;

/**
 * Overfitting when, after the step with the lowest held-out loss, at least two more steps ran, the
 * last held-out loss is 2 % or more above that minimum, and the training loss is still lower than it
 * was at the minimum. Undefined otherwise (no held-out loss, too short, or no rise).
 */
export function detectOverfitting(history: readonly LossPoint[], options: OverfitOptions = {}): Overfitting | undefined {
  const points = history.filter((p) => p.valLoss !== null && Number.isFinite(p.valLoss) && Number.isFinite(p.loss));
  if (points.length < MIN_STEPS_AFTER + 2) return undefined;
  let best = 0;
  for (let i = 1; i < points.length; i++) if (points[i].valLoss! < points[best].valLoss!) best = i;
  const last = points[points.length - 1];
  const low = points[best];
  if (points.length - 1 - best < MIN_STEPS_AFTER) return undefined;
  const rose = last.valLoss! - low.valLoss! >= OVERFIT_RISE * Math.abs(low.valLoss!);
  const trainingFell = last.loss < low.loss;
  if (!rose || !trainingFell) return undefined;
  const step = options.step ?? 'epoch';
  const held = options.held ?? 'validation';
  const kept = options.bestEpoch ?? last.epoch;
  const head = `${held[0].toUpperCase()}${held.slice(1)} loss rose after ${step} ${low.epoch} while training loss kept falling: overfitting; `;
  const tail = kept < last.epoch
    ? `early stopping kept ${step} ${kept}.`
    : `the model is the one from the last ${step} (${last.epoch}); turn on early stopping to keep ${step} ${low.epoch}.`;
  return { startedAfter: low.epoch, kept, sentence: head + tail };
}
