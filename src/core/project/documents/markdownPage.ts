/**
 * A project document's Markdown as one self-contained HTML page: inline styles, no script, and a
 * Content-Security-Policy that lets it load nothing, so it opens the same offline or from an email.
 * It reads the Markdown the document generators write (and the model card's sections they reuse):
 * headings, paragraphs, lists, pipe tables, fenced code, **bold**, _italic_, `code` and
 * backslash escapes. Every character of text is HTML-escaped; no raw HTML passes through.
 */
import { escapeXml } from '../../format';

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** Inline Markdown to HTML: escapes first (a `\*` is a literal star), then code, bold and italic. */
function inline(text: string): string {
  const literal: string[] = [];
  const keep = (html: string) => `\u0000${literal.push(html) - 1}\u0000`;
  const decoded = text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => keep(escapeXml(ENTITY[name])));
  const unescaped = decoded.replace(/\\([\\`*_[\]|~#>+=.)-])/g, (_, c: string) => keep(escapeXml(c)));
  const coded = unescaped.replace(/`([^`]+)`/g, (_, code: string) => keep(`<code>${escapeXml(restore(code, literal, true))}</code>`));
  const html = escapeXml(coded)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\p{L}\p{N}])_(.+?)_(?![\p{L}\p{N}])/gu, '$1<em>$2</em>');
  return restore(html, literal, false);
}

/** Puts kept pieces back; `plain` gives their text rather than their HTML (inside code spans). */
function restore(s: string, literal: string[], plain: boolean): string {
  return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => {
    const html = literal[Number(i)];
    return plain ? html.replace(/&(amp|lt|gt|quot|#39);/g, (__, n: string) => ENTITY[n]) : html;
  });
}

/** A list item; a task item (`[x] ` or `[ ] `) shows a ticked or empty box, as GitHub draws it. */
function listItem(text: string): string {
  const task = /^\[( |x)\] /.exec(text);
  return task ? `<input type="checkbox" disabled${task[1] === 'x' ? ' checked aria-label="done"' : ' aria-label="not done"'}> ${inline(text.slice(4))}` : inline(text);
}

const cells = (row: string) => row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());

/** The Markdown body as HTML blocks. */
export function markdownToHtml(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = /^(`{3,})/.exec(line);
    if (fence) {
      const end = lines.findIndex((l, j) => j > i && l.startsWith(fence[1]));
      const stop = end === -1 ? lines.length : end;
      out.push(`<pre><code>${escapeXml(lines.slice(i + 1, stop).join('\n'))}</code></pre>`);
      i = stop + 1;
    } else if (/^#{1,6} /.test(line)) {
      const level = line.indexOf(' ');
      out.push(`<h${level}>${inline(line.slice(level + 1))}</h${level}>`);
      i++;
    } else if (line.startsWith('|') && /^\|[\s|:-]+\|$/.test(lines[i + 1] ?? '')) {
      const align = cells(lines[i + 1]).map((c) => (c.endsWith(':') ? ' class="num"' : ''));
      const head = cells(line).map((c, k) => `<th scope="col"${align[k] ?? ''}>${inline(c)}</th>`).join('');
      const body: string[] = [];
      for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) body.push(`<tr>${cells(lines[i]).map((c, k) => `<td${align[k] ?? ''}>${inline(c)}</td>`).join('')}</tr>`);
      out.push(`<table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`);
    } else if (/^[-*] /.test(line)) {
      const items: string[] = [];
      for (; i < lines.length && /^[-*] /.test(lines[i]); i++) items.push(`<li>${listItem(lines[i].slice(2))}</li>`);
      out.push(`<ul>${items.join('')}</ul>`);
    } else if (line.trim() === '') i++;
    else {
      const para: string[] = [];
      for (; i < lines.length && lines[i].trim() !== '' && !/^(#{1,6} |[-*] |\||`{3})/.test(lines[i]); i++) para.push(lines[i]);
      out.push(`<p>${inline(para.join(' '))}</p>`);
    }
  }
  return out.join('\n');
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.7rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ddd}table{border-collapse:collapse;margin:1rem 0;display:block;overflow-x:auto}
th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}.num{text-align:right;font-variant-numeric:tabular-nums}
code{background:#f3f3f3;padding:0 .2rem}pre{background:#f3f3f3;padding:.6rem;overflow-x:auto}@media print{body{margin:0}}`;

/** A whole HTML page of `markdown`, titled `title`. */
export function markdownPage(title: string, markdown: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    markdownToHtml(markdown),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
