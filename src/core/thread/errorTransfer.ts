import { transferHandlers, type TransferHandler } from 'comlink';
import { fromErrorPayload, toErrorPayload, type ErrorPayload } from '../table';

type Thrown = { isError: true; value: ErrorPayload } | { isError: false; value: unknown };

let registered = false;

/**
 * Makes a thrown error keep its class name and details across a worker boundary (a `DataError`
 * with its file, row and column; an `AbortError` as an `AbortError`), replacing Comlink's handler,
 * which keeps only the message. Both sides register it: the worker serialises, the page rebuilds.
 */
export function registerErrorTransfer(): void {
  if (registered) return;
  registered = true;
  const comlinks = transferHandlers.get('throw')!;
  const handler: TransferHandler<{ value: unknown }, Thrown> = {
    canHandle: (value): value is { value: unknown } => comlinks.canHandle(value),
    serialize: ({ value }) => [value instanceof Error || value instanceof DOMException ? { isError: true, value: toErrorPayload(value) } : { isError: false, value }, []],
    deserialize: (thrown) => {
      throw thrown.isError ? fromErrorPayload(thrown.value) : thrown.value;
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
}
