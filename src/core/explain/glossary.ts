/**
 * The in-app glossary: every statistic, alert, metric, chart, recipe step, model option and test
 * the studio shows, keyed by a stable id. Area files hold the text; `keys.ts` maps the real types'
 * fields onto these ids so a new field without an entry fails type-checking.
 */
import { ALERTS_GLOSSARY } from './glossary/alerts';
import { COLUMN_STATS_GLOSSARY } from './glossary/columnStats';
import { DATASET_GLOSSARY } from './glossary/dataset';
import { DEPLOY_GLOSSARY } from './glossary/deploy';
import { EVALUATION_GLOSSARY } from './glossary/evaluation';
import { METRICS_GLOSSARY } from './glossary/metrics';
import { MODELS_GLOSSARY } from './glossary/models';
import { RECIPE_GLOSSARY } from './glossary/recipe';
import { TESTS_GLOSSARY } from './glossary/tests';
import type { GlossaryEntry } from './types';

const ALL = {
  ...COLUMN_STATS_GLOSSARY,
  ...DATASET_GLOSSARY,
  ...ALERTS_GLOSSARY,
  ...METRICS_GLOSSARY,
  ...EVALUATION_GLOSSARY,
  ...RECIPE_GLOSSARY,
  ...MODELS_GLOSSARY,
  ...TESTS_GLOSSARY,
  ...DEPLOY_GLOSSARY,
};

/** Every glossary id, e.g. `'skewness'`, `'alert.targetLeakage'`, `'option.learningRate'`. */
export type GlossaryKey = keyof typeof ALL;

/** The glossary; `seeAlso` ids are checked by the unit tests to exist. */
export const GLOSSARY: Readonly<Record<GlossaryKey, GlossaryEntry<GlossaryKey>>> = ALL as Record<GlossaryKey, GlossaryEntry<GlossaryKey>>;

export function isGlossaryKey(key: string): key is GlossaryKey {
  return Object.prototype.hasOwnProperty.call(GLOSSARY, key);
}

/** Looks an entry up by id; `undefined` for an unknown id. */
export function glossaryEntry(key: string): GlossaryEntry<GlossaryKey> | undefined {
  return isGlossaryKey(key) ? GLOSSARY[key] : undefined;
}
