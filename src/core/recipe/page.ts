/**
 * The arquero-free part of `recipe`, for the page and the core code it loads (explanations, words):
 * the index also exports fitting, whose derive step compiles expressions with arquero, and that
 * belongs in workers (see catalog.ts in models). tests/e2e/build-scan.e2e.ts checks the first load.
 */
export { parseRecipe } from './parse';
export { toProfileLike } from './profileLike';
export { forTrees } from './forTrees';
export { featureGroups } from './featureGroups';
export { booleanFeatureWords, featureWords, isWaveFeature } from './featureWords';
export { isDropped, withColumnDropped } from './dropColumn';
export { splitRows } from './split';
export { TARGET_RULE_OPS, ruleOpWords, describeTargetRule, sourceDropReason, recipeWithTargetRule } from './targetRule';
export { TEXT_DEFAULTS } from './textDefaults';
