import { transfer } from 'comlink';
import type { ChartData, ChartRequest } from '../core/explore';
import type { Table } from '../core/table';
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
    return this.#bridge.call(async (api) => {
      if (this.#sent !== table) {
        const copy = await shareOrCopyTable(table, signal);
        await api.setTable(transfer(copy.table, copy.buffers));
        this.#sent = table;
      }
      return api.chart(request);
    }, signal);
  }
}
