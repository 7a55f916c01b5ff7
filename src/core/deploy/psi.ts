import type { ColumnProfile } from '../profile';

/**
 * The parts of a training column profile that PSI reads: a whole `ColumnProfile` fits, and so does
 * the slim copy a registered version keeps (see `driftProfile`).
 */
export type DriftColumn = Pick<ColumnProfile, 'name' | 'type' | 'missing'> & {
  numeric?: { histogram: { edges: number[]; counts: number[] } };
  boolean?: { true: number; false: number };
  datetime?: { byYear: { year: number; count: number }[] };
  categorical?: { top: { value: string; count: number }[]; other: number };
};
import { isNumeric, type Column } from '../table';
import { psiKernel } from '../stats';

/** Proportions below this are raised to it, so an empty bin on one side gives a large but finite term. */
export const PSI_EPSILON = 1e-4;

export type DriftBand = 'stable' | 'moderate' | 'major';

export interface PsiBin {
  label: string;
  /** Share of training rows (from the profile). */
  expected: number;
  /** Share of new rows. */
  actual: number;
}

export interface PsiResult {
  column: string;
  /** Σ (actual − expected) · ln(actual / expected) over the bins. */
  psi: number;
  /** stable < 0.1 ≤ moderate < 0.25 ≤ major. */
  band: DriftBand;
  bins: PsiBin[];
}

const { result, binOf } = psiKernel(PSI_EPSILON);

/**
 * Population stability index of new values against a training column profile, with a `missing`
 * bin. Numbers use the profile's histogram bins; text uses its top values plus `(other)`;
 * booleans true/false; datetimes the training years plus `(other)`.
 */
export function psi(training: DriftColumn, values: Column): PsiResult {
  const n = isNumeric(values) ? values.values.length : values.codes.length;
  if (training.numeric && isNumeric(values)) {
    const { edges, counts } = training.numeric.histogram;
    const actual = new Array<number>(counts.length + 1).fill(0);
    for (const v of values.values) {
      if (v !== v) actual[counts.length]++;
      else if (counts.length > 0) actual[binOf(edges, v)]++;
    }
    const labels = counts.map((_, i) => `[${edges[i]}, ${edges[i + 1]}${i === counts.length - 1 ? ']' : ')'}`);
    return result(training.name, [...labels, 'missing'], [...counts, training.missing], actual);
  }
  if (training.boolean && isNumeric(values)) {
    const actual = [0, 0, 0];
    for (const v of values.values) actual[v !== v ? 2 : v === 1 ? 0 : 1]++;
    return result(training.name, ['true', 'false', 'missing'], [training.boolean.true, training.boolean.false, training.missing], actual);
  }
  if (training.datetime && isNumeric(values)) {
    const years = training.datetime.byYear.map((y) => y.year);
    const at = new Map(years.map((y, i) => [y, i]));
    const actual = new Array<number>(years.length + 2).fill(0);
    for (const v of values.values) actual[v !== v ? years.length + 1 : (at.get(new Date(v).getUTCFullYear()) ?? years.length)]++;
    return result(training.name, [...years.map(String), '(other)', 'missing'], [...training.datetime.byYear.map((y) => y.count), 0, training.missing], actual);
  }
  if (training.categorical && !isNumeric(values)) {
    const top = training.categorical.top;
    const at = new Map(top.map((t, i) => [t.value, i]));
    const byCode = values.dictionary.map((v) => at.get(v) ?? top.length);
    const actual = new Array<number>(top.length + 2).fill(0);
    for (const code of values.codes) actual[code < 0 ? top.length + 1 : byCode[code]]++;
    return result(training.name, [...top.map((t) => t.value), '(other)', 'missing'], [...top.map((t) => t.count), training.categorical.other, training.missing], actual);
  }
  throw new TypeError(`psi: column '${training.name}' was profiled as ${training.type} but the new values are ${values.type} (${n} rows); compare like with like or cast the column first.`);
}
