import { expose } from 'comlink';
import { registerErrorTransfer } from './errorTransfer';

/** What a worker entry does: expose `service` to the page, with errors that keep their class. */
export function exposeService(service: object): void {
  registerErrorTransfer();
  expose(service);
}
