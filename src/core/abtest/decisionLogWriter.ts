import type { Decision, decisionFormats } from './decisionLog';

/** The synchronous file calls the writer makes (node:fs, passed in). */
export interface LogFs {
  openSync(path: string, flags: string): number;
  writeSync(fd: number, text: string): number;
  fstatSync(fd: number): { size: number };
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  existsSync(path: string): boolean;
}

export interface DecisionLogOptions {
  format: 'ndjson' | 'csv';
  /** CSV only: prefix text that starts like a spreadsheet formula with `'` (default true). */
  neutraliseFormulas?: boolean;
  /** Rotate when the file would pass this many bytes: it is renamed `<path>.1`, `.2`, … (the next free number) and a new one begun. Default: never. */
  maxBytes?: number;
  /** Lines are buffered and written once this many characters wait (default 64 KiB); `flush` writes them sooner. */
  bufferChars?: number;
}

export interface DecisionLogWriter {
  write(decision: Decision): void;
  /** Writes every buffered line now. */
  flush(): void;
  /** Flushes and closes the file; later writes throw. */
  close(): void;
}

/**
 * An append-only decision log (NDJSON or CSV with its header once per file), buffered, rotated by
 * size and flushed synchronously so that a graceful stop loses no line. router.mjs's
 * `createLogWriter` and the A/B server both run this text (`Function.prototype.toString()`), so it
 * reads only its arguments and built-ins.
 */
export function decisionLogWriter(fs: LogFs, path: string, options: DecisionLogOptions, formats: ReturnType<typeof decisionFormats>, csvHeader: string): DecisionLogWriter {
  if (options.format !== 'ndjson' && options.format !== 'csv') throw new Error('Log format "' + String(options.format) + '" is not supported; use "ndjson" or "csv".');
  const csv = options.format === 'csv';
  const neutralise = options.neutraliseFormulas !== false;
  const maxBytes = options.maxBytes && options.maxBytes > 0 ? options.maxBytes : Infinity;
  const bufferChars = options.bufferChars || 65536;
  const encoder = new TextEncoder();
  let fd: number | null = null;
  let size = 0;
  let buffer: string[] = [];
  let buffered = 0;

  function open(): void {
    fd = fs.openSync(path, 'a');
    size = fs.fstatSync(fd).size;
    if (csv && size === 0) {
      fs.writeSync(fd, csvHeader + '\n');
      size = encoder.encode(csvHeader + '\n').length;
    }
  }
  function flush(): void {
    if (fd === null) throw new Error('The decision log ' + path + ' is closed.');
    if (buffer.length === 0) return;
    const text = buffer.join('');
    buffer = [];
    buffered = 0;
    fs.writeSync(fd, text);
    size += encoder.encode(text).length;
  }
  function rotate(): void {
    flush();
    fs.closeSync(fd!);
    let n = 1;
    while (fs.existsSync(path + '.' + n)) n++;
    fs.renameSync(path, path + '.' + n);
    open();
  }
  open();
  return {
    write(decision) {
      if (fd === null) throw new Error('The decision log ' + path + ' is closed.');
      const line = csv ? formats.decisionToCsv(decision, neutralise) : formats.decisionToNdjson(decision);
      // Characters approximate bytes here; the file's real size is counted on each flush.
      if (size + buffered + line.length > maxBytes && size + buffered > (csv ? csvHeader.length + 1 : 0)) rotate();
      buffer.push(line);
      buffered += line.length;
      if (buffered >= bufferChars) flush();
    },
    flush,
    close() {
      if (fd === null) return;
      flush();
      fs.closeSync(fd);
      fd = null;
    },
  };
}
