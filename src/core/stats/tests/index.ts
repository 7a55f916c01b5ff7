/**
 * Hypothesis tests for model comparison and A/B analysis. Each test is a pure function over typed
 * arrays or counts and has a one-line `*_EXPLANATION` for the UI. Differences are always first − second.
 */
export { normalCdf, normalSf, normalQuantile, tCdf, tSf, tQuantile, chiSquareSf, binomialCdf, betaInc, gammaQ } from './distributions';
export { midranks } from './ranks';
export { mcnemarTest, disagreementCounts, MCNEMAR_EXPLANATION, type McNemarOptions, type McNemarResult } from './mcnemar';
export { delongTest, DELONG_EXPLANATION, type DeLongResult } from './delong';
export { pairedTTest, PAIRED_T_EXPLANATION, type TTestResult } from './pairedTTest';
export { welchFromSummaries, summarize, WELCH_EXPLANATION, type SampleSummary } from './welchTTest';
export { wilcoxonTest, WILCOXON_EXPLANATION, type WilcoxonResult } from './wilcoxon';
export { twoProportionZTest, wilsonInterval, TWO_PROPORTION_EXPLANATION, type TwoProportionResult } from './twoProportionZTest';
export { srmTest, SRM_EXPLANATION, type SrmResult } from './srmTest';
export {
  sampleSizeTwoProportions,
  rowsToDetect,
  POWER_EXPLANATION,
  ROWS_TO_DETECT_EXPLANATION,
  type ProportionPowerOptions,
  type SampleSizeResult,
  type RowsToDetect,
} from './power';
export { msprtLikelihoodRatio, MSPRT_EXPLANATION } from './msprt';
export { pairedBootstrap, resampleIndices, gather, BOOTSTRAP_EXPLANATION, type BootstrapOptions, type BootstrapInterval } from './bootstrap';
