import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chiSquareSf, uniformityPValue } from '../../../../src/core/stats';

const ref = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/profile/reference.json'), 'utf8'));

describe('chi-square tail (vs scipy.stats)', () => {
  test.each(ref.chi2_sf as [number, number, number][])('chi2.sf(%f, %i)', (x, df, p) => {
    expect(chiSquareSf(x, df)).toBeCloseTo(p, 12);
  });
  test.each(ref.uniform_p as [number[], number][])('chisquare(%j).pvalue', (counts, p) => {
    expect(uniformityPValue(counts)).toBeCloseTo(p, 12);
  });
});
