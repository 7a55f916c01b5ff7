/** "Why it matters here" sentences for column statistics and correlations. */
import { fixed, num, pct } from '../../format';
import type { ExplainContext } from './context';

type Explainer = (value: number, context: ExplainContext) => string;

/** NaN means the figure could not be computed (an empty column): say so instead of classifying it. */
const defined = (label: string, f: Explainer): Explainer => (v, c) => (Number.isNaN(v) ? `${label} is not defined here: the column has no values.` : f(v, c));

const missingRatio: Explainer = (v) => {
  const head = `Missing ${pct(v)}`;
  if (v <= 0) return 'No missing values: nothing to impute.';
  if (v < 0.05) return `${head}: a few gaps; fill them with the median (numbers) or the most frequent value (categories).`;
  if (v < 0.3) return `${head}: impute it, and add a missing indicator in case being missing is itself informative.`;
  if (v < 0.6) return `${head}: a large part of this column would be guessed; add a missing indicator, or drop the column if it adds little.`;
  return `${head}: most cells are empty; dropping the column is usually better than filling it in.`;
};

const skewness: Explainer = (v) => {
  if (!Number.isFinite(v)) return 'Skewness is not defined here: it needs at least 3 values that are not all equal.';
  const head = `Skewness ${num(v)}`;
  const a = Math.abs(v);
  if (a < 0.5) return `${head}: roughly symmetric; no transform needed.`;
  if (a <= 1) return `${head}: somewhat lopsided, with a longer tail of ${v > 0 ? 'large' : 'small'} values; a transform is optional.`;
  return v > 0
    ? `${head}: most values are small with a long tail of large ones; linear models may do better after a log transform.`
    : `${head}: most values are large with a long tail of small ones; a Yeo-Johnson transform can make it more symmetric.`;
};

const kurtosis: Explainer = (v) => {
  if (!Number.isFinite(v)) return 'Kurtosis is not defined here: it needs at least 4 values that are not all equal.';
  const head = `Kurtosis ${num(v)}`;
  if (v < -1) return `${head}: flatter than a bell curve, with short tails: extreme values are rare, as in an even spread.`;
  if (v <= 1) return `${head}: tails about as heavy as a bell curve.`;
  if (v <= 3) return `${head}: somewhat heavier tails than a bell curve: extreme values are a little more common.`;
  return `${head}: heavy tails: extreme values are far more common than in a bell curve; check the outliers and consider clipping.`;
};

const cv: Explainer = (v) => {
  if (!Number.isFinite(v)) return 'The coefficient of variation is not meaningful here: the mean is 0.';
  const head = `CV ${num(v, 2)}`;
  if (v < 0) return `${head}: negative because the mean is negative; the CV only makes sense for positive quantities.`;
  if (v < 0.1) return `${head}: values stay within about ${pct(v)} of the mean: very little variation.`;
  if (v <= 1) return `${head}: values typically differ from the mean by about ${pct(v)} of it.`;
  return `${head}: the spread is larger than the mean itself, so values range from tiny to very large; look at the histogram and consider a log transform.`;
};

const zerosRatio: Explainer = (v) => {
  if (v <= 0) return 'No zeros.';
  const head = `Zeros ${pct(v)}`;
  if (v < 0.01) return `${head}: rare; nothing to do.`;
  if (v < 0.5) return `${head}: check whether 0 means "none" or stands for "unknown"; if unknown, treat it as missing.`;
  return `${head}: mostly zero; a 0/1 "is non-zero" column may carry most of the signal, and the non-zero values may suit a log transform.`;
};

const outliersRatio: Explainer = (v) => {
  if (v <= 0) return 'No outliers: every value lies within 1.5 × IQR of the quartiles.';
  const head = `Outliers ${pct(v)}`;
  if (v < 0.01) return `${head}: a handful of extreme values; look at them, since a typo or a code like 9999 shows up here.`;
  if (v < 0.05) return `${head}: some extreme values; clipping to the 1st–99th percentile limits their pull on linear models.`;
  return `${head}: too many to be mistakes: the distribution has a long tail, which a log transform handles better than clipping.`;
};

const imbalance: Explainer = (v) => {
  const head = `Imbalance ${num(v, 2)}`;
  if (v < 0.1) return `${head}: rows are spread almost evenly over the categories.`;
  if (v <= 0.5) return `${head}: some categories are clearly more common than others.`;
  return `${head}: one category dominates; as a target, accuracy will look high even for a model that ignores the rare classes, so watch balanced accuracy.`;
};

const uniqueRatio: Explainer = (v, c) => {
  const head = `Unique ratio ${num(v, 2)}`;
  const measured = c.columnType === 'float' || c.columnType === 'datetime';
  if (v >= 1) {
    if (measured) return `${head}: every value differs, which is normal for a precise measurement.`;
    // Integers are identifiers only when they look like codes (the shared isIdentifierLike rule decides, in the alerts).
    if (c.columnType === 'integer') return `${head}: every value differs: an identifier if the values are row numbers or codes (see the alerts), normal for a count or an amount such as a population.`;
    return `${head}: every value differs, like an identifier; a model cannot generalise from it, so drop it.`;
  }
  const text = c.columnType === undefined || c.columnType === 'categorical' || c.columnType === 'text' || c.columnType === 'identifier';
  if (v >= 0.9 && text) return `${head}: nearly every value differs: probably an identifier or free text, not a category.`;
  if (v <= 0.05) return `${head}: values repeat a lot, as in a category or a flag.`;
  return `${head}: a mix of repeated and distinct values.`;
};

function strength(a: number): string {
  if (a < 0.1) return 'no';
  if (a < 0.3) return 'a weak';
  if (a < 0.5) return 'a moderate';
  if (a < 0.9) return 'a strong';
  return 'a very strong';
}

const signed = (label: string, kind: string): Explainer => (v) => {
  if (!Number.isFinite(v)) return `${label} is not defined here: one of the columns is constant.`;
  const head = `${label} ${fixed(v, 2)}`;
  const a = Math.abs(v);
  if (a < 0.1) return `${head}: no ${kind} relation between the two columns.`;
  const direction = v > 0 ? 'when one rises, the other tends to rise' : 'when one rises, the other tends to fall';
  const tail = a >= 0.9 ? '; the two nearly repeat each other, so one may be redundant' : '';
  return `${head}: ${strength(a)} ${v > 0 ? 'positive' : 'negative'} ${kind} relation: ${direction}${tail}.`;
};

const unsigned = (label: string): Explainer => (v) => {
  if (!Number.isFinite(v)) return `${label} is not defined here: a column has a single value.`;
  const head = `${label} ${fixed(v, 2)}`;
  if (v < 0.1) return `${head}: knowing one column tells you almost nothing about the other.`;
  const tail = v >= 0.9 ? '; one nearly determines the other, so one may be redundant' : '';
  return `${head}: ${strength(v)} association${tail}.`;
};

const targetAssociation: Explainer = (v) => {
  const head = `Association with the target ${fixed(v, 2)}`;
  if (v >= 0.95) return `${head}: almost perfect, which is suspicious: check that this value is known before the outcome, or it is leakage.`;
  if (v >= 0.3) return `${head}: ${strength(v).replace(/^a /, '')} on its own; a promising feature.`;
  if (v >= 0.1) return `${head}: weak on its own; it may still help in combination with others.`;
  return `${head}: on its own it tells almost nothing about the target.`;
};

export const PROFILE_EXPLAINERS = {
  missingRatio: defined('The missing share', missingRatio),
  skewness, kurtosis, cv,
  zerosRatio: defined('The share of zeros', zerosRatio),
  outliersRatio: defined('The share of outliers', outliersRatio),
  imbalance: defined('Imbalance', imbalance),
  uniqueRatio: defined('The unique ratio', uniqueRatio),
  pearson: signed('Pearson r', 'linear'),
  spearman: signed('Spearman ρ', 'rank'),
  cramersV: unsigned('Cramér\'s V'),
  eta: unsigned('Correlation ratio η'),
  targetAssociation: defined('The association with the target', targetAssociation),
} satisfies Record<string, Explainer>;
