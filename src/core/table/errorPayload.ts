import { EncodingSwitch } from './byteDictionary';
import { WidenColumn } from './columnSink';
import { DataError } from './types';

/** An error as plain data, so it survives postMessage with its name, message and details. */
export interface ErrorPayload {
  name: string;
  message: string;
  details?: DataError['details'];
  /** For `WidenColumn`: the column index. */
  column?: number;
}

/** Either a value or an error, for results that cross a worker boundary. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof WidenColumn) return { name: error.name, message: error.message, column: error.column };
  if (error instanceof DataError) return { name: error.name, message: error.message, details: { ...error.details } };
  if (error instanceof Error || error instanceof DOMException) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** Rebuilds the error on this side: DataError, AbortError (DOMException) and the reader's internal signals keep their class. */
export function fromErrorPayload(p: ErrorPayload): Error {
  if (p.name === 'DataError') return new DataError(p.message, p.details ?? {});
  if (p.name === 'AbortError') return new DOMException(p.message, 'AbortError');
  if (p.name === 'WidenColumn' && p.column !== undefined) return new WidenColumn(p.column);
  if (p.name === 'EncodingSwitch') return new EncodingSwitch(p.message);
  const error = new Error(p.message);
  error.name = p.name;
  return error;
}

/** Runs `fn`, returning its value or its error as an `Outcome`. */
export async function outcome<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: toErrorPayload(error) };
  }
}
