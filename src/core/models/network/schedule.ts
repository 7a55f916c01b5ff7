/** Learning-rate schedules, as a pure function of the epoch and the loss history. */

export type Schedule = 'constant' | 'cosine' | 'plateau';

/**
 * - `constant`: `base` throughout.
 * - `cosine`: from `base` down to 1% of it at the last epoch.
 * - `plateau`: halves whenever the monitored loss has not improved for `patience` epochs (floor 1e-5).
 */
export function learningRateAt(
  schedule: Schedule,
  base: number,
  epoch: number,
  epochs: number,
  current: number,
  sinceImprovement: number,
  patience: number,
): number {
  if (schedule === 'cosine') return base * (0.01 + 0.99 * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / Math.max(1, epochs - 1))));
  if (schedule === 'plateau' && sinceImprovement > 0 && sinceImprovement % patience === 0) return Math.max(1e-5, current / 2);
  return current;
}
