import { transfer, type Remote } from 'comlink';
import type { ChartData, ChartRequest } from '../core/explore';
import type { Table } from '../core/table';
import type { NgramLift, NgramRows } from '../core/text';
import type { ExploreApi } from '../../workers/explore';
import { shareOrCopyTable } from './copyTable';
import { WorkerBridge } from './WorkerBridge';

/**
 * The interactive-chart worker. It is started on first use and sent the table (shared, or a copy) once per
 * dataset; a crash or an abort rejects the pending call and the next call starts afresh.
 */
export class ExploreBridge {
  #sent: Table | null = null;
  readonly #bridge = new WorkerBridge<ExploreApi>({
    create: () => new Worker(new URL('../../workers/explore.ts', import.meta.url), { type: 'module' }),
    crashed: (detail) => new Error(`The chart worker stopped (${detail}). Try the chart again.`),
    cancelled: 'The chart was cancelled.',
    onStop: () => (this.#sent = null),
  });

  /** Aborting `signal` stops the worker (and its scan); the next chart sends the table again. */
  chart(table: Table, request: ChartRequest, signal?: AbortSignal): Promise<ChartData> {
    return this.#over(table, async (api): Promise<ChartData> => api.chart(request), signal);
  }

  /** The n-gram explorer's ranking of a text column against the target. */
  ngramLift(table: Table, column: string, target: string, positive: string | undefined, signal?: AbortSignal): Promise<NgramLift> {
    return this.#over(table, (api) => api.ngramLift(column, target, positive), signal);
  }

  /** The rows behind one n-gram. */
  ngramRows(table: Table, column: string, target: string, term: string, signal?: AbortSignal): Promise<NgramRows> {
    return this.#over(table, (api) => api.ngramRows(column, target, term), signal);
  }

  #over<T>(table: Table, ask: (api: Remote<ExploreApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.#bridge.call(async (api) => {
      if (this.#sent !== table) {
        const copy = await shareOrCopyTable(table, signal);
        await api.setTable(transfer(copy.table, copy.buffers));
        this.#sent = table;
      }
      return ask(api);
    }, signal);
  }
}
