import { layoutRanges, type TrafficRange, type VariantWeight } from './trafficRanges';

/**
 * Everything a router needs, as plain JSON: stored with the deployment, embedded in router.mjs.
 */
export interface RouterConfig {
  /** Variant names; each is also the folder `./variants/<name>/` of its scorer in the bundle. */
  variants: string[];
  /** The variant whose answer is returned in shadow mode (and the control in analysis). */
  champion: string;
  /** Slices of [0, 1) per variant; see `layoutRanges`. */
  ranges: TrafficRange[];
  /** Hash salt; a new salt re-randomizes all units (start a new experiment). */
  salt: string;
  /** Shadow mode: every unit gets the champion's answer, the others score silently for the log. */
  shadow: boolean;
}

/** Options for {@link planRouter}. */
export interface PlanRouterOptions {
  /** Variants in layout order with their weights; the first is the champion unless `champion` says otherwise. */
  weights: readonly VariantWeight[];
  champion?: string;
  /** Default: the previous config's salt, else "modelbench". */
  salt?: string;
  /** Default false. */
  shadow?: boolean;
  /** The config in service now: its slices are kept so re-weighting moves as few units as possible. */
  previous?: RouterConfig;
}

/**
 * planRouter over the traffic layout, which is passed in: a bundle's serve.mjs ships this text
 * (`Function.prototype.toString()`) to re-plan weights at run time, so it reads only its arguments
 * and built-ins.
 */
export function routerPlanner(layout: typeof layoutRanges) {
  const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
  /** Builds a router config, validating names (they become folder names in the bundle). */
  return function planRouter(options: PlanRouterOptions): RouterConfig {
    const { weights, shadow = false, previous } = options;
    for (const { name } of weights) {
      if (!SAFE_NAME.test(name)) {
        throw new RangeError(`Variant name "${name}" cannot be a bundle folder; use letters, digits, ".", "_" or "-" (max 64, not starting with a dot).`);
      }
    }
    const champion = options.champion ?? weights[0]?.name;
    if (!weights.some((w) => w.name === champion)) throw new RangeError(`Champion "${champion}" is not one of the variants (${weights.map((w) => w.name).join(', ')}).`);
    const salt = options.salt ?? previous?.salt ?? 'modelbench';
    const keep = previous && previous.salt === salt ? previous.ranges : undefined;
    return { variants: weights.map((w) => w.name), champion, ranges: layout(weights, keep), salt, shadow };
  };
}

/** Builds a router config, validating names (they become folder names in the bundle). */
export const planRouter = routerPlanner(layoutRanges);
