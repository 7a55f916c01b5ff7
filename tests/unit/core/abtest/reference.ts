import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

type Row = number[];
interface PairedCase { a: number[]; b: number[]; t: number; tP: number; ciLow: number; ciHigh: number; wStatistic: number; wP: number }
interface DeLongCase { y: number[]; a: number[]; b: number[]; aucA: number; aucB: number; standardError: number; z: number; pValue: number }
interface Interval { estimate: number; ci: [number, number]; valid?: number }

/** The shape of tests/fixtures/abtest/reference.json (made by make-reference.py; versions inside). */
export interface Reference {
  versions: Record<string, string>;
  distributions: Record<'normalCdf' | 'normalQuantile' | 'tSf' | 'tQuantile' | 'chiSquareSf' | 'binomialCdf' | 'betaInc' | 'gammaP', Row[]>;
  mcnemar: { b: number; c: number; exact: boolean; statistic: number; pValue: number }[];
  delong: DeLongCase[];
  paired: PairedCase[];
  welch: { a: number[]; b: number[]; statistic: number; pValue: number }[];
  twoProportion: { xa: number; na: number; xb: number; nb: number; z: number; pValue: number; wilsonA: [number, number] }[];
  srm: { observed: number[]; weights: number[]; statistic: number; pValue: number }[];
  power: { baselineRate: number; mde: number; alpha: number; power: number; h: number; cohensH: number; classic: number }[];
  msprt: { estimate: number; variance: number; tau2: number; lambda: number }[];
  bootstrap: { seed: number; resamples: number; y: number[]; a: number[]; b: number[]; firstIndices: number[]; auc: Interval; mae: Interval };
  experiment: {
    variant: number[]; conversion: number[]; value: number[]; weights: number[]; n: number[]; rates: number[];
    wilson: [number, number][]; conversionP: number; valueP: number; srmP: number;
  };
  compare: {
    regression: { y: number[]; champion: number[]; challenger: number[]; rmse: number[]; mae: number[]; tP: number; wP: number };
    multiclass: { y: number[]; champion: number[]; challenger: number[]; accuracy: number[]; b: number; c: number; pValue: number };
  };
}

export const reference: Reference = JSON.parse(readFileSync(new URL('../../../fixtures/abtest/reference.json', import.meta.url), 'utf8'));

/** Relative closeness, with an absolute floor for values near zero. */
export function expectClose(actual: number, expected: number, rel = 1e-9, abs = 1e-300): void {
  const tol = Math.max(abs, rel * Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`expected ${actual} to be within ${tol} of ${expected} (diff ${Math.abs(actual - expected)})`);
  }
}
