import { describe, expect, test } from 'vitest';
import { profileTable, renderReportHtml, reportToJson } from '../../../../src/core/profile';
import { barsSvg, heatmapSvg, histogramSvg } from '../../../../src/core/profile/svg';
import { loadSample, tableFrom } from './helpers';

const EVIL = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"quotes" & \'single\'', ']]>', 'a&b'];

describe('renderReportHtml', () => {
  const table = tableFrom(
    {
      [EVIL[0]]: EVIL.concat(EVIL),
      [EVIL[1]]: [1, 2, 3, 4, 5, 6, 7, 8, 9, 100],
      [EVIL[2]]: [1, 3, 2, 5, 4, 7, 6, 9, 8, 10],
      ']]>': EVIL.concat(EVIL).map((s) => `${s} word`),
    },
    { ']]>': 'text' },
    '<b>table</b>',
  );
  const html = renderReportHtml(profileTable(table, { target: EVIL[0], fingerprint: '"><script>' }));

  test('escapes every user string: no live tags, no raw quotes in attributes', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>table</b>');
    expect(html).not.toContain(']]>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quotes&quot; &amp; &#39;single&#39;');
    // Every attribute value is well-formed: no quote breaks out of a data-x/aria-label.
    for (const m of html.matchAll(/ (data-x|data-y|aria-label)="([^"]*)"/g)) expect(m[2]).not.toMatch(/[<>]/);
  });

  test('self-contained: no external reference, no script', () => {
    const markup = html.replace(/="[^"]*"/g, '=""');
    expect(markup).not.toMatch(/<[a-z][^>]*\s(src|href|xlink:href)=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  test('a real sample renders with charts for each column', () => {
    const report = profileTable(loadSample('penguins.json'), { target: 'Species' });
    const page = renderReportHtml(report);
    expect((page.match(/<section class="column"/g) ?? []).length).toBe(7);
    expect(page).toContain('data-x="Body Mass (g)"');
    expect(page.length).toBeLessThan(1_000_000);
  });
});

describe('chart builders', () => {
  test('histogramSvg has a title and aria-label', () => {
    const svg = histogramSvg({ edges: [0, 1, 2], counts: [3, 4] }, { title: 'H <1>' });
    expect(svg).toContain('<title>H &lt;1&gt;</title>');
    expect(svg).toContain('aria-label="H &lt;1&gt;"');
    expect((svg.match(/class="bar"/g) ?? []).length).toBe(2);
  });
  test('barsSvg: the longest bar takes the room whatever the size of the values, zeros draw no bar', () => {
    const widths = (svg: string) => [...svg.matchAll(/<rect class="bar"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // 320 wide, 110 for labels: about 190 px for bars and their numbers.
    const small = widths(barsSvg([{ label: 'a', value: 0.2 }, { label: 'b', value: 0.1 }], { title: 't', width: 320 }));
    expect(small[0]).toBeGreaterThan(150);
    expect(small[1]).toBeCloseTo(small[0] / 2, 1);
    expect(widths(barsSvg([{ label: 'a', value: 20 }, { label: 'b', value: 10 }], { title: 't', width: 320 }))[0]).toBeGreaterThan(150);
    expect(widths(barsSvg([{ label: 'a', value: 0 }], { title: 't', width: 320 }))).toEqual([0]);
  });
  test('heatmapSvg cells carry data-x/data-y in the given order', () => {
    const svg = heatmapSvg({ columns: ['a', 'b'], matrix: [[1, 0.5], [0.5, 1]], order: [1, 0] }, { title: 'corr' });
    const first = svg.match(/data-x="(\w)" data-y="(\w)"/)!;
    expect([first[1], first[2]]).toEqual(['b', 'b']);
    expect((svg.match(/class="cell"/g) ?? []).length).toBe(4);
  });
});

describe('reportToJson', () => {
  test('NaN and Infinity become null and the JSON parses', () => {
    const report = profileTable(tableFrom({ x: [1, Infinity, NaN, 2] }));
    const json = reportToJson(report);
    const back = JSON.parse(json);
    expect(back.schemaVersion).toBe(1);
    expect(back.columns[0].numeric.infinite).toBe(1);
    expect(json).not.toMatch(/NaN|Infinity/);
  });
});
