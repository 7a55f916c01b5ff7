import { isAbort, toUserError, type UserError } from './errors';

/** The reactive fields a job reports into (the state class's own `$state` fields). */
export interface JobHost<K extends string> {
  busy: K | null;
  error: UserError | null;
  notice: string | null;
}

/**
 * One job at a time for a stage: starting a job cancels the one before, a cancellation becomes a
 * notice and a failure a user-facing error, and only the latest job clears `busy` when it ends.
 */
export class JobSlot<K extends string> {
  #controller: AbortController | null = null;

  constructor(private readonly host: JobHost<K>, private readonly onSettled: () => void = () => undefined) {}

  cancel() {
    this.#controller?.abort();
  }

  /** Runs `work`; resolves to its result, or to undefined when it failed or was cancelled. */
  async run<T>(kind: K, title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.host.busy = kind;
    this.host.error = null;
    this.host.notice = null;
    try {
      return await work(controller.signal);
    } catch (error) {
      if (isAbort(error)) this.host.notice = `${title} was cancelled.`;
      else this.host.error = toUserError(`${title} failed`, error);
      return undefined;
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.host.busy = null;
        this.onSettled();
      }
    }
  }
}
