import { buildColumn } from './buildColumn';
import { EncodingSwitch } from './byteDictionary';
import type { ByteSource } from './byteSource';
import { WidenColumn } from './columnSink';
import { parseCsvPart, type CsvPart, type CsvPlan } from './csvPart';
import { detectBom, utf8View } from './encoding';
import { runAsync, runSync, type Steps } from './readSteps';
import { missingMatcher } from './missingTokens';
import { planCsv, type PlannedCsv } from './planCsv';
import { raggedWarning } from './raggedWarning';
import type { ReadHooks } from './readHooks';
import { overrideFor, type ReadOptions } from './readOptions';
import { DataError, type IngestWarning, type ReadResult } from './types';

/** Parses the whole data range of a planned CSV; the default runs it on this thread in one part. */
export type WholeParser = (source: ByteSource, plan: CsvPlan, hooks: ReadHooks) => Promise<CsvPart>;

const parseHere: WholeParser = (source, plan, hooks) => runAsync(parseCsvPart(plan, plan.dataStart, plan.size, hooks), source);

/** Counts line ends (LF, CRLF, lone CR) before `offset`: the 1-based line of that byte. */
function* lineAt(offset: number): Steps<number> {
  const bytes = yield { start: 0, end: offset };
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) line++;
    else if (bytes[i] === 13 && bytes[i + 1] !== 10) line++;
  }
  return line;
}

/** What a failed attempt changes for the next one; rethrows anything else. */
interface Attempt {
  encoding: 'utf-8' | 'windows-1252';
  widened: Set<number>;
}

function retry(error: unknown, attempt: Attempt): void {
  if (error instanceof EncodingSwitch && attempt.encoding === 'utf-8') attempt.encoding = 'windows-1252';
  else if (error instanceof WidenColumn && !attempt.widened.has(error.column)) attempt.widened.add(error.column);
  else throw error;
}

function emptyFile(name: string): DataError {
  return new DataError(`"${name}" is empty (0 bytes). Choose a file with a header row and data rows.`, { file: name, code: 'empty-file' });
}

/**
 * Reads a delimited text file into a typed table. A column whose later values do not fit the
 * sampled type is re-planned as a string column and the file re-parsed (rare); text that is not
 * valid UTF-8 is re-read as windows-1252. `parseWhole` lets a worker split the parse.
 */
export async function readCsv(source: ByteSource, options: ReadOptions = {}, hooks: ReadHooks = {}, parseWhole: WholeParser = parseHere): Promise<ReadResult> {
  const started = performance.now();
  if (source.size === 0) throw emptyFile(source.name);
  const view = await utf8View(source);
  const attempt: Attempt = { encoding: 'utf-8', widened: new Set() };
  for (;;) {
    try {
      const planned = await runAsync(planCsv(view.source, view.start, options, attempt.encoding, view.encoding, attempt.widened), view.source);
      const part = await parseWhole(view.source, planned.plan, hooks);
      const line = part.openQuote >= 0 ? await runAsync(lineAt(part.openQuote), view.source) : 0;
      return finishCsv(planned, part, options, started, line, source.size);
    } catch (error) {
      retry(error, attempt);
    }
  }
}

/** `readCsv` over bytes (or text) in memory, synchronously. */
export function readCsvSync(data: Uint8Array | string, fileName: string, options: ReadOptions = {}): ReadResult {
  const started = performance.now();
  let bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (bytes.length === 0) throw emptyFile(fileName);
  const size = bytes.length;
  const bom = detectBom(bytes);
  let start = bom.bomLength;
  const sourceEncoding = bom.encoding === 'utf-8' ? (bom.bomLength ? 'utf-8-bom' : 'utf-8') : bom.encoding;
  if (bom.encoding !== 'utf-8') {
    bytes = new TextEncoder().encode(new TextDecoder(bom.encoding).decode(bytes.subarray(bom.bomLength)));
    start = 0;
  }
  const attempt: Attempt = { encoding: 'utf-8', widened: new Set() };
  for (;;) {
    try {
      const planned = runSync(planCsv({ name: fileName, size: bytes.length }, start, options, attempt.encoding, sourceEncoding, attempt.widened), bytes);
      const part = runSync(parseCsvPart(planned.plan, planned.plan.dataStart, planned.plan.size), bytes);
      const line = part.openQuote >= 0 ? runSync(lineAt(part.openQuote), bytes) : 0;
      return finishCsv(planned, part, options, started, line, size);
    } catch (error) {
      retry(error, attempt);
    }
  }
}

/** Builds the table, warnings and meta from a parsed CSV. */
export function finishCsv(planned: PlannedCsv, part: CsvPart, options: ReadOptions, started: number, openQuoteLine: number, fileBytes: number): ReadResult {
  const { plan, guesses } = planned;
  const isMissing = missingMatcher(plan.missingTokens);
  const warnings: IngestWarning[] = [...planned.warnings];
  if (plan.encoding === 'windows-1252') {
    warnings.push({ code: 'encoding-fallback', message: `"${plan.fileName}" is not valid UTF-8; it was read as Windows-1252. If accented letters look wrong, save the file as UTF-8 and load it again.` });
  }
  if (part.raggedCount > 0) {
    warnings.push(raggedWarning(part.raggedCount, part.raggedRows, plan.names.length));
  }
  if (part.openQuote >= 0) {
    const line = openQuoteLine;
    warnings.push({
      code: 'unbalanced-quote',
      message: `A quote opened on line ${line} of "${plan.fileName}" is never closed, so everything after it was read into one field. Close or remove that quote and load the file again.`,
      rows: [line],
    });
  }
  if (part.rows === 0) {
    warnings.push({ code: 'header-only', message: `"${plan.fileName}" has a header but no data rows; the table has ${plan.names.length} empty column(s).` });
  }
  const columns = plan.names.map((name, i) => {
    const override = overrideFor(options, name);
    const column = buildColumn(name, part.columns[i], plan.sinks[i], guesses[i], isMissing, override);
    const misses = part.columns[i].mismatches;
    if (override && misses > 0) {
      warnings.push({ code: 'type-override', column: name, count: misses, message: `${misses} value(s) in column "${name}" are not ${override} and were set to missing. Choose another type for "${name}" to keep them.` });
    }
    return column;
  });
  const delimiter = String.fromCharCode(plan.delimiter);
  return {
    table: { name: plan.fileName, rowCount: part.rows, columns },
    warnings,
    meta: { format: 'csv', fileName: plan.fileName, bytes: fileBytes, encoding: plan.encoding === 'windows-1252' ? 'windows-1252' : plan.sourceEncoding, delimiter, parseMs: performance.now() - started },
  };
}
