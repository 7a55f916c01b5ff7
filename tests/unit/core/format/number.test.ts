import { describe, expect, test } from 'vitest';
import { escapeXml, formatCount, formatDate, formatMeanSd, formatNumber, formatP, formatPercent, formatYear, num, plural, tickFormat } from '../../../../src/core/format';

describe('formatNumber', () => {
  test.each([
    [1_350_360, '1,350,360'], // the issue: a sum shown as 1,350,000
    [365.25, '365.3'],
    [-0.5, '−0.5'],
    [0.000012, '1.200e−5'],
    [NaN, '—'],
    [Infinity, '∞'],
  ])('formatNumber(%d) → %s', (x, text) => expect(formatNumber(x)).toBe(text));
});

describe('one rule per kind of figure', () => {
  test('p-values round the same way in the studio, the CLI and the report (three decimals)', () => {
    expect(formatP(0.03149)).toBe('p = 0.031');
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(NaN)).toBe('p not defined');
  });
  test('years stay plain four digits, counts get separators, never shortened', () => {
    expect(formatYear(2014)).toBe('2014');
    expect(formatCount(12_399.6)).toBe('12,400');
    expect(num(12_345.6)).toBe('12,346');
  });
  test('percent of a whole, pluraliser, date', () => {
    expect(formatPercent(1, 8)).toBe('12.5 %');
    expect(formatPercent(1, 1000)).toBe('0.1 %');
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(2000, 'class', 'classes')).toBe('2,000 classes');
    expect(formatDate(new Date(2026, 2, 4, 17, 5), { time: true })).toBe('2026-03-04 17:05');
    expect(formatDate(new Date(2026, 11, 31, 9, 0))).toBe('2026-12-31');
  });
  test('tick formats carry as many decimals as the step needs', () => {
    expect([0, 0.25, 0.5].map(tickFormat(0.25))).toEqual(['0', '0.25', '0.5']);
    expect(tickFormat(500)(1500)).toBe('1,500');
    expect([0, 5e6, 1e7, 1.5e7, -5e6].map(tickFormat(5e6))).toEqual(['0', '5M', '10M', '15M', '−5M']);
    expect([2.5e5, 1.25e6].map(tickFormat(2.5e5))).toEqual(['0.25M', '1.25M']);
    expect([2.5e9, 1e12].map(tickFormat(5e8))).toEqual(['2.5B', '1,000B']);
    expect(tickFormat(50_000)(950_000)).toBe('950,000');
    expect(tickFormat(5, { year: true })(2015)).toBe('2015');
  });
  test('escapeXml is the one escape for HTML and SVG', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('formatMeanSd', () => {
  test.each([
    [0.815, 0.05601, '0.815 ± 0.056'],
    [0.468, 0.1016, '0.47 ± 0.10'],
    [0.001, 0.0031, '0.0010 ± 0.0031'],
    [-0.0004, 0.0031, '−0.0004 ± 0.0031'],
    [1234.6, 12.3, '1,235 ± 12'],
    [0.93, 0.0995, '0.930 ± 0.100'],
    [0.5, 0, '0.5 ± 0'],
  ])('%s ± %s → %s: both to the second significant digit of the sd', (mean, sd, text) => {
    expect(formatMeanSd(mean, sd)).toBe(text);
  });
});
