/** Shared numerics: seeded RNG, moments, quantiles, histograms, correlations, special functions, sketches, sorting. */
export { createRng, shuffleInPlace, type Rng, type StatefulRng } from './rng';
export { computeMoments, mergeMoments, variance, skewness, kurtosis, type Moments } from './moments';
export { quantileSorted, madSorted, upperBound, lowerBound } from './quantile';
export { autoBinCount, binCountFor, histogramEdges, histogramSorted, type Histogram } from './histogram';
export { pearson, spearman, averageRanks, contingency, chiSquare, cramersV, correlationRatio } from './correlation';
export { logGamma, gammaQ, chiSquareSf, uniformityPValue, entropyBits } from './special';
export { fmix32, mix32, hashNumber, hashString } from './hash';
export { createHyperLogLog, type HyperLogLog } from './hyperloglog';
export { createKll, type KllSketch } from './kll';
export { sampleIndices } from './sample';
export { iota } from './iota';
export { sortFloat64, argsortFloat64 } from './radix';
export { psiKernel } from './psiKernel';
