import { byteDecoder } from './byteDictionary';
import type { Steps } from './readSteps';
import type { SinkPlan } from './columnSink';
import type { CsvPlan } from './csvPart';
import { decideKind, decimalCommaFor, readsDecimalComma, sampleShapes, type DecimalComma, type KindGuess, type ShapeCounts } from './inferKinds';
import { decoratedWarnings } from './decoratedWarning';
import { DEFAULT_MISSING_TOKENS, missingMatcher } from './missingTokens';
import { DEFAULT_CHUNK_BYTES, overrideFor, SAMPLE_BYTES, SAMPLE_ROWS, type ReadOptions } from './readOptions';
import { repairHeader } from './repairHeader';
import { ESCAPED, recordBuffer, scanRecord, unquote } from './scanRecord';
import { labelAbove, TAIL_BYTES, trailingSummary } from './summaryRows';
import { mergedHeader, pandasIndex, stackedHeader } from './stackedHeader';
import { titleBlock } from './titleRows';
import { assertText, sniffDelimiter } from './sniff';
import { DataError, type ColumnType, type IngestWarning } from './types';

/** A plan plus what the sample said, for building columns and warnings. */
export interface PlannedCsv {
  plan: CsvPlan;
  guesses: KindGuess[];
  warnings: IngestWarning[];
}

function delimiterByte(options: ReadOptions, fileName: string): number | null {
  const d = options.delimiter;
  if (d === undefined || d === 'auto') return /\.tsv$/i.test(fileName) ? 9 : null;
  if (d.length !== 1 || d.charCodeAt(0) > 127 || d === '"' || d === '\n' || d === '\r') {
    throw new DataError(`The delimiter ${JSON.stringify(d)} for "${fileName}" is not a single ASCII character other than a quote or line end. Use one of , ; | or a tab, or "auto".`, { file: fileName, code: 'bad-delimiter' });
  }
  return d.charCodeAt(0);
}

/** The parse plan for a column given a user override (lenient) or the sample's guess (strict). */
export function planFor(override: ColumnType | undefined, guess: KindGuess, counts: ShapeCounts, decimalComma: DecimalComma = 'never'): SinkPlan {
  if (!override) return { kind: guess.kind, family: guess.family, ...(guess.decimalComma ? { decimalComma: true } : {}), ...(guess.decorated ? { decorated: true } : {}) };
  // A number column forced on the user's word reads a decimal comma when the sample has more such
  // numbers than point-decimal ones, and currency and percent signs either way.
  const comma = readsDecimalComma(counts, decimalComma) && counts.comma + counts.commaDecorated > counts.float - counts.grouped ? { decimalComma: true } : {};
  if (override === 'integer') return { kind: 'number', integerOnly: true, lenient: true, decorated: true, ...comma };
  if (override === 'float') return { kind: 'number', lenient: true, decorated: true, ...comma };
  if (override === 'boolean') return { kind: 'boolean', lenient: true };
  if (override === 'datetime') {
    // The family most of the sample's dates have; ISO on a tie or when none parsed.
    const ranked = (['iso', 'mdy', 'dmy', 'named'] as const).map((f) => [f, counts[f]] as const);
    const family = ranked.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
    return { kind: 'datetime', family, lenient: true };
  }
  return { kind: 'string' };
}

/**
 * Reads the header and a sample (up to 64k rows / 4 MiB) and decides the delimiter and each
 * column's storage. `widened` lists columns a previous attempt found to need strings.
 */
export function* planCsv(
  source: { name: string; size: number },
  start: number,
  options: ReadOptions,
  encoding: 'utf-8' | 'windows-1252',
  sourceEncoding: string,
  widened: ReadonlySet<number>,
): Steps<PlannedCsv> {
  const fileName = source.name;
  let sampleEnd = Math.min(source.size, start + SAMPLE_BYTES);
  let sample = yield { start, end: sampleEnd };
  assertText(sample.subarray(0, 1 << 16), fileName);
  const rec = recordBuffer();
  let headerEnd = -1;
  const delimiter = delimiterByte(options, fileName) ?? sniffDelimiter(sample, sampleEnd >= source.size);
  for (;;) {
    headerEnd = skipBlankLines(sample, 0, sampleEnd >= source.size);
    if (headerEnd === sample.length) {
      headerEnd = -1;
      break;
    }
    if (headerEnd >= 0) headerEnd = scanRecord(sample, headerEnd, sample.length, sampleEnd >= source.size, delimiter, rec);
    if (headerEnd >= 0 || sampleEnd >= source.size) break;
    sampleEnd = Math.min(source.size, start + sample.length * 2);
    sample = yield { start, end: sampleEnd };
  }
  if (headerEnd < 0 || rec.count === 0) {
    throw new DataError(`"${fileName}" has no header row: it is empty or holds only blank lines. Choose a file whose first line names the columns.`, { file: fileName, code: 'no-header', row: 1 });
  }
  const decode = byteDecoder(encoding);
  const title = titleBlock(sample, skipBlankLines(sample, 0, true), sample.length, sampleEnd >= source.size, delimiter, decode);
  if (title) headerEnd = scanRecord(sample, title.headerStart, sample.length, sampleEnd >= source.size, delimiter, rec);
  const raw: string[] = [];
  const scratch = new Uint8Array(sample.length);
  for (let c = 0; c < rec.count; c++) {
    const s = rec.starts[c];
    const e = rec.ends[c];
    if (rec.quoted[c] === ESCAPED) raw.push(decode(scratch, 0, unquote(sample, s, e, scratch)));
    else raw.push(decode(sample, s, e));
  }
  // Columns with several levels (pandas): one name per column from its levels, and the data after them.
  const stacked = stackedHeader(sample, headerEnd, sample.length, sampleEnd >= source.size, delimiter, raw.length, decode);
  const header = raw.slice();
  if (stacked) {
    for (let c = 0; c < raw.length; c++) raw[c] = c === 0 ? stacked.indexName || 'index' : [raw[c], ...stacked.levels.map((l) => l[c])].filter((t) => t !== '').join('_');
    headerEnd = stacked.dataStart;
  }
  // A spreadsheet's merged cells over a second line of names: one name per column from both lines.
  const merged = stacked ? null : mergedHeader(sample, headerEnd, sample.length, sampleEnd >= source.size, delimiter, raw, decode);
  if (merged) {
    raw.splice(0, raw.length, ...merged.names);
    headerEnd = merged.dataStart;
  }
  // pandas' row index under an empty name: "index", rather than a name repair to look into.
  const indexed = !stacked && raw.length > 1 && raw[0].trim() === '' && !raw.includes('index') && pandasIndex(sample, headerEnd, sample.length, sampleEnd >= source.size, delimiter, decode);
  if (indexed) raw[0] = 'index';
  const { names, warning } = repairHeader(raw);
  const missingTokens = [...(options.missingTokens ?? DEFAULT_MISSING_TOKENS)];
  const whole = sampleEnd >= source.size;
  const tailStart = whole ? start + headerEnd : Math.max(start + headerEnd, source.size - TAIL_BYTES);
  const tail = whole ? sample.subarray(headerEnd) : yield { start: tailStart, end: source.size };
  const summary = trailingSummary(tail, tailStart, delimiter, names.length, decode);
  const isMissing = missingMatcher(missingTokens);
  const decimalComma = decimalCommaFor(delimiter);
  // The sample leaves a summary row out, so its label does not decide its column's type.
  const sampleStop = summary && whole ? summary.offset - start : sample.length;
  let { counts, rows, end } = sampleShapes(sample, headerEnd, sampleStop, whole, delimiter, names.length, isMissing, SAMPLE_ROWS);
  // A label its column holds nowhere else marks a summary; one it repeats ("Total" for every year
  // of a long table) is a category like any other, and the row stays.
  const dropped = summary && rows > 0 && !labelAbove(sample, headerEnd, sampleStop, whole, delimiter, summary.column, summary.label, decode, SAMPLE_ROWS) ? summary : null;
  if (summary && whole && !dropped) ({ counts, rows, end } = sampleShapes(sample, headerEnd, sample.length, whole, delimiter, names.length, isMissing, SAMPLE_ROWS));
  const dataBytes = source.size - start - headerEnd;
  const rowEstimate = rows === 0 ? 16 : Math.ceil((rows / Math.max(1, end - headerEnd)) * dataBytes);
  const guesses = counts.map((c, i) => (widened.has(i) ? { kind: 'string' as const } : decideKind(c, decimalComma)));
  const sinks = guesses.map((g, i) => planFor(overrideFor(options, names[i]), g, counts[i], decimalComma));
  const plan: CsvPlan = {
    fileName,
    size: dropped ? dropped.offset : source.size,
    dataStart: start + headerEnd,
    delimiter,
    encoding,
    sourceEncoding,
    names,
    sinks,
    missingTokens,
    chunkBytes: Math.max(1, options.chunkBytes ?? DEFAULT_CHUNK_BYTES),
    rowEstimate,
  };
  const warnings = warning ? [warning] : [];
  if (title) {
    let line = 1;
    for (let i = 0; i < title.headerStart; i++) if (sample[i] === 10) line++;
    const shown = title.titles.map((t) => `"${t.length > 60 ? `${t.slice(0, 59)}…` : t}"`).join(', ');
    warnings.push({
      code: 'title-rows',
      message: `"${fileName}" opens with ${line - 1 === 1 ? 'a line' : `${line - 1} lines`} above its table${shown ? ` (${shown})` : ''}, so the column names were read from line ${line}: ${names.slice(0, 4).map((n) => `"${n}"`).join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''}. If the names are on another line, delete the lines above that one.`,
    });
  }
  if (indexed) warnings.push({ code: 'pandas-index', column: 'index', message: `The first column of "${fileName}" has no name and numbers the rows 0, 1, 2, … as pandas writes its row index, so it is named "index".` });
  if (merged) {
    warnings.push({
      code: 'two-line-header',
      message: `"${fileName}" names its columns on 2 lines, a spreadsheet's merged cells (${merged.spans.map((n) => `"${n}"`).join(', ')}) over a line of names, so each column's name joins both: ${names.filter((_, i) => merged.names[i].includes('_')).slice(0, 3).map((n) => `"${n}"`).join(', ')}${names.length > 3 ? ', …' : ''}.`,
    });
  }
  if (stacked) {
    const levelNames = [header[0], ...stacked.levels.map((l) => l[0])].filter((t) => t !== '');
    warnings.push({
      code: 'stacked-header',
      message: `"${fileName}" has ${stacked.levels.length + 1} header lines, as pandas writes columns with several levels${levelNames.length ? ` (${levelNames.map((n) => `"${n}"`).join(', ')})` : ''}, so each column is named by its levels joined with "_": ${names.slice(1, 4).map((n) => `"${n}"`).join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''}. The first column, the row index, is "${names[0]}".`,
    });
  }
  if (dropped) {
    warnings.push({
      code: 'summary-row',
      column: names[dropped.column],
      message: `The last row of "${fileName}" reads "${dropped.text.length > 80 ? `${dropped.text.slice(0, 79)}…` : dropped.text}": a totals row (the label "${dropped.label}" in "${names[dropped.column]}", then only numbers), so it was left out; as data it would count its sums as one more row. If it is data, change that label and open the file again.`,
    });
  }
  // A column with currency or percent signs as well is named once, in the warning about those.
  const comma = names.filter((_, i) => sinks[i].decimalComma && !(guesses[i].decorated && sinks[i].decorated));
  if (comma.length) {
    const list = comma.map((c) => `"${c}"`).join(', ');
    warnings.push({
      code: 'decimal-comma',
      message: `${comma.length === 1 ? `Column ${list} has` : `Columns ${list} have`} numbers written the European way (like 1.234,5 for 1234.5), so ${comma.length === 1 ? 'it was' : 'they were'} read as numbers. If a column holds codes rather than amounts, set its type to text.`,
      ...(comma.length === 1 ? { column: comma[0] } : {}),
    });
  }
  warnings.push(...decoratedWarnings(names.flatMap((name, i) => (guesses[i].decorated && sinks[i].decorated ? [{ name, decorations: counts[i].decorations, decimalComma: sinks[i].decimalComma === true }] : []))));
  return { plan, guesses, warnings };
}

/** Skips empty lines before the header; -1 when the buffer ends first and more may follow. */
function skipBlankLines(buf: Uint8Array, pos: number, eof: boolean): number {
  while (pos < buf.length && (buf[pos] === 10 || buf[pos] === 13)) pos++;
  return pos < buf.length || eof ? pos : -1;
}
