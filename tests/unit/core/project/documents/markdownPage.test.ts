import { describe, expect, test } from 'vitest';
import { markdownPage, markdownToHtml } from '../../../../../src/core/project/documents/markdownPage';
import { escapeMarkdown } from '../../../../../src/core/deploy';

describe('markdownToHtml', () => {
  test('headings, paragraphs, lists, tables with right-aligned numbers, code fences', () => {
    const html = markdownToHtml(['# Title', '', 'One line', 'and the next.', '', '- **a**', '- _b_ and `c`', '', '| Name | Rows |', '|---|---:|', '| x | 1,000 |', '', '```', '<b>', '```'].join('\n'));
    expect(html).toBe(
      [
        '<h1>Title</h1>',
        '<p>One line and the next.</p>',
        '<ul><li><strong>a</strong></li><li><em>b</em> and <code>c</code></li></ul>',
        '<table><thead><tr><th scope="col">Name</th><th scope="col" class="num">Rows</th></tr></thead><tbody><tr><td>x</td><td class="num">1,000</td></tr></tbody></table>',
        '<pre><code>&lt;b&gt;</code></pre>',
      ].join('\n'),
    );
  });

  test.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'a | b \\ c *d* _e_ `f` [g](h) &amp; &lt;',
    '# not a heading',
    'weather_nyc_2024',
  ])('text escaped for Markdown reads back literally in HTML: %s', (text) => {
    const html = markdownToHtml(`Name: ${escapeMarkdown(text)}`);
    const decoded = html.replace(/^<p>|<\/p>$/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[n]!);
    expect(decoded).toBe(`Name: ${text}`);
    expect(html).not.toMatch(/<(script|img)/);
  });

  test('task items show a ticked or an empty box', () => {
    expect(markdownToHtml('- [x] Done: yes\n- [ ] Left: no')).toBe('<ul><li><input type="checkbox" disabled checked aria-label="done"> Done: yes</li><li><input type="checkbox" disabled aria-label="not done"> Left: no</li></ul>');
  });

  test('a table cell keeps an escaped pipe', () => {
    expect(markdownToHtml(`| A |\n|---|\n| ${escapeMarkdown('x|y')} |`)).toContain('<td>x|y</td>');
  });
});

describe('markdownPage', () => {
  test('is one self-contained page that may load nothing', () => {
    const page = markdownPage('Charter: <Churn>', '# Hello');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(page).toContain('<title>Charter: &lt;Churn&gt;</title>');
    expect(page).not.toMatch(/<script|<link|src=|https?:/);
  });
});
