/** Text safe inside HTML element content or a double-quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Text shown literally by Markdown renderers (GitHub, CommonMark): specials are backslash-escaped,
 * `<`/`>`/`&` become entities (no raw HTML), and line breaks become spaces so a name cannot start a
 * new block. Safe in table cells too (`|` is escaped).
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A fenced code block whose fence is longer than any backtick run inside `code`. */
export function codeBlock(code: string, lang = ''): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${code}\n${fence}`;
}
