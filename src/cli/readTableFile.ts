/**
 * Reads a table file for a command and tells the person at the terminal what the reader noticed
 * (rows with too few or too many fields, a file that is not UTF-8, a quote never closed): every
 * command that reads a file says so, not only `profile`. Warnings go to stderr, so stdout keeps
 * its one JSON line.
 */
import { basename } from 'node:path';
import { readTable, type IngestWarning, type ReadOptions, type ReadResult } from '../core/table';
import { nodeFileSource } from './nodeSource';
import { readProgress, type Progress } from './progress';

export interface ReadTableFileOptions extends ReadOptions {
  progress?: Progress;
  /** Where warnings go (the line as printed, and the warning it says); stderr unless a caller words some its own way. */
  warn?: (line: string, warning: IngestWarning) => void;
}

export async function readTableFile(path: string, options: ReadTableFileOptions = {}): Promise<ReadResult> {
  const { progress, warn = (line) => console.error(line), ...read } = options;
  let result: ReadResult;
  try {
    result = await readTable(await nodeFileSource(path), read, progress ? readProgress(progress, path) : undefined);
  } finally {
    progress?.clear();
  }
  printReadWarnings(path, result.warnings, warn);
  return result;
}

/** Each warning as one `warning:` line naming the file, unless the message already quotes its name. */
export function printReadWarnings(path: string, warnings: IngestWarning[], warn: (line: string, warning: IngestWarning) => void = (line) => console.error(line)): void {
  const quoted = `"${basename(path)}"`;
  for (const w of warnings) warn(`warning: ${w.message.includes(quoted) ? '' : `${path}: `}${w.message}`, w);
}
