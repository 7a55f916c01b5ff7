import type { ModelKind, ModelSpec } from './types';

/**
 * The model one click trains: in the studio, and in `modelbench train` without --model, so the same
 * file and seed give the same model in both. Gradient-boosted trees win on most tables.
 */
export const DEFAULT_KIND: ModelKind = 'gbdt';

/** The seed of a training nobody chose a seed for (the proposed recipe's split uses it too). */
export const DEFAULT_SEED = 42;

/** The spec of a one-click training: the default kind with its default options. */
export function defaultSpec(seed: number = DEFAULT_SEED): ModelSpec {
  return { kind: DEFAULT_KIND, options: {}, seed };
}
