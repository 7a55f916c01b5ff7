import type { Decision } from './decisionLog';
import type { RouterConfig } from './routerConfig';
import { variantAt } from './trafficRanges';
import { unitPosition } from './unitHash';

/** A variant's scorer, as exported by `./variants/<name>/scorer.mjs`. */
export interface Scorer {
  predict(rows: unknown[]): unknown | Promise<unknown>;
}

/** Callbacks for {@link createRouter}. */
export interface RouterHooks {
  /** Called once per scorer answer (so twice or more per request in shadow mode). */
  onDecision?: (decision: Decision) => void;
  /** Called when a shadow scorer fails; the user's answer is unaffected. Default: ignore. */
  onShadowError?: (error: unknown, variant: string, unitId: string) => void;
  /** Clock in epoch ms. Default `Date.now`. */
  now?: () => number;
}

export interface Router {
  /** The variant a unit is assigned to (deterministic: same id, salt and ranges → same variant). */
  assign(unitId: string): string;
  /** Scores `rows` for `unitId` with its variant (the champion in shadow mode) and returns that answer. */
  predict(unitId: string, rows: unknown[]): Promise<{ variant: string; prediction: unknown }>;
  /** Resolves when all shadow scoring started so far has finished. */
  idle(): Promise<void>;
}

/**
 * Assignment and the production router over the hash position and the traffic-slice lookup, which
 * are passed in. emitRouterModule ships it into router.mjs and the A/B server runs it, both from
 * this text (`Function.prototype.toString()`), so it reads only its arguments and built-ins.
 * `config` is read on every call (`getConfig`), so weights can change while it serves.
 */
export function routerKernel(position: typeof unitPosition, slice: typeof variantAt) {
  /** Assigns a unit id to a variant by hashing it onto the configured traffic slices. */
  function assignVariant(config: RouterConfig, unitId: string): string {
    return slice(config.ranges, position(String(unitId), config.salt));
  }
  /**
   * A production router over in-memory scorers. In shadow mode every challenger scores the same rows
   * in the background; only the champion's answer is returned, and shadow failures never reach the caller.
   */
  function createRouter(getConfig: () => RouterConfig, scorers: Record<string, Scorer>, hooks: RouterHooks = {}): Router {
    const missing = getConfig().variants.filter((v) => !scorers[v]);
    if (missing.length) throw new RangeError('No scorer for variant(s) ' + missing.join(', ') + '; pass one per variant in the config.');
    const now = hooks.now || Date.now;
    const pending = new Set<Promise<void>>();
    const run = async (variant: string, unitId: string, rows: unknown[], shadow: boolean) => {
      const prediction = await scorers[variant].predict(rows);
      if (hooks.onDecision) hooks.onDecision({ unitId, variant, prediction, timestamp: now(), shadow });
      return prediction;
    };
    return {
      assign: (unitId) => assignVariant(getConfig(), unitId),
      async predict(unitId, rows) {
        const config = getConfig();
        if (!config.shadow) {
          const variant = assignVariant(config, unitId);
          return { variant, prediction: await run(variant, unitId, rows, false) };
        }
        for (const variant of config.variants) {
          if (variant === config.champion) continue;
          const job = run(variant, unitId, rows, true).then(
            () => undefined,
            (error) => {
              if (hooks.onShadowError) hooks.onShadowError(error, variant, unitId);
            },
          );
          pending.add(job);
          void job.finally(() => pending.delete(job));
        }
        return { variant: config.champion, prediction: await run(config.champion, unitId, rows, false) };
      },
      async idle() {
        await Promise.all([...pending]);
      },
    };
  }
  return { assignVariant, createRouter };
}

const kernel = routerKernel(unitPosition, variantAt);
export const assignVariant = kernel.assignVariant;

/** A router over a fixed config (see `routerKernel` for one whose config can change). */
export function createRouter(config: RouterConfig, scorers: Record<string, Scorer>, hooks: RouterHooks = {}): Router {
  return kernel.createRouter(() => config, scorers, hooks);
}
