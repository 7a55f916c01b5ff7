import { EncodingSwitch } from './byteDictionary';
import { WidenColumn } from './columnSink';
import { DataError } from './types';

/** An error as plain data, so it survives postMessage with its name, message and details (see core/thread's error transfer). */
export interface ErrorPayload {
  name: string;
  message: string;
  /** The error's `details` (DataError, RecipeError, DeployError), copied as plain data. */
  details?: Record<string, unknown>;
  /** For `WidenColumn`: the column index. */
  column?: number;
}

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof WidenColumn) return { name: error.name, message: error.message, column: error.column };
  if (error instanceof Error || error instanceof DOMException) {
    const details = (error as { details?: unknown }).details;
    return { name: error.name, message: error.message, ...(details && typeof details === 'object' ? { details: { ...details } } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

/**
 * Rebuilds the error on this side: DataError, AbortError (DOMException) and the reader's internal
 * signals keep their class; any other keeps its name and details.
 */
export function fromErrorPayload(p: ErrorPayload): Error {
  if (p.name === 'DataError') return new DataError(p.message, (p.details ?? {}) as DataError['details']);
  if (p.name === 'AbortError') return new DOMException(p.message, 'AbortError');
  if (p.name === 'WidenColumn' && p.column !== undefined) return new WidenColumn(p.column);
  if (p.name === 'EncodingSwitch') return new EncodingSwitch(p.message);
  const error = new Error(p.message);
  error.name = p.name;
  return p.details ? Object.assign(error, { details: p.details }) : error;
}
