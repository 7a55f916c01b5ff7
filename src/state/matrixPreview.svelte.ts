import type { MatrixPreview, PreviewOptions, Recipe } from '../core/recipe';
import type { Table } from '../core/table';
import { isAbort, toUserError, type UserError } from './errors';

/** The part of the recipe worker the preview needs. */
export interface PreviewService {
  preview(table: Table, recipe: Recipe, options: PreviewOptions, signal?: AbortSignal): Promise<MatrixPreview>;
}

/** Wait after the last recipe edit before asking the worker, so typing a value asks once. */
const DEBOUNCE_MS = 400;

/**
 * Prepare's preview of the feature matrix. Edits are debounced; a new request cancels the one in
 * flight, and an answer that is no longer the latest is dropped, so a stale matrix never shows.
 */
export class MatrixPreviewState {
  preview = $state.raw<MatrixPreview | null>(null);
  error = $state.raw<UserError | null>(null);
  busy = $state(false);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flight: AbortController | null = null;
  #call = 0;

  constructor(private readonly service: PreviewService) {}

  /** Asks for the preview of `recipe` (a plain snapshot) after a short pause. */
  request(table: Table, recipe: Recipe, options: PreviewOptions) {
    clearTimeout(this.#timer);
    const call = ++this.#call;
    this.busy = true;
    this.#timer = setTimeout(() => void this.#run(call, table, recipe, options), DEBOUNCE_MS);
  }

  /** Stops any pending or running request (the dataset or target was left). */
  cancel() {
    clearTimeout(this.#timer);
    this.#call++;
    this.#flight?.abort();
    this.#flight = null;
    this.busy = false;
  }

  async #run(call: number, table: Table, recipe: Recipe, options: PreviewOptions) {
    // Aborting stops the recipe worker, so only a request still running is cancelled.
    this.#flight?.abort();
    const flight = (this.#flight = new AbortController());
    try {
      const preview = await this.service.preview(table, recipe, options, flight.signal);
      if (call !== this.#call) return;
      this.preview = preview;
      this.error = null;
    } catch (error) {
      if (isAbort(error) || call !== this.#call) return;
      this.preview = null;
      this.error = toUserError('The prepared data cannot be shown for this recipe', error);
    } finally {
      if (this.#flight === flight) this.#flight = null;
      if (call === this.#call) this.busy = false;
    }
  }
}
