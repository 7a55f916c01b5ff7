/**
 * Text shown literally by Markdown renderers (GitHub, CommonMark), and still plain to read: a name
 * is always mid-line (line breaks become spaces), so only what acts inside a line is escaped:
 * backslashes, code spans, emphasis (`_` only at a word's edge, since GFM ignores it inside a word
 * such as `weather_nyc`), link brackets, strikethrough and table pipes; `<` and entity-like `&`
 * become entities so no raw HTML gets through. `-`, `.`, `#` and the like stay as written, except
 * where they would start a block.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*[\]|~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    // A card line may start with a name (the data file's): keep it from opening a heading, quote or list.
    .replace(/^(\s*)([#>+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A fenced code block whose fence is longer than any backtick run inside `code`. */
export function codeBlock(code: string, lang = ''): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${code}\n${fence}`;
}
