import { transfer, wrap, type Remote } from 'comlink';
import type { ChartData, ChartRequest } from '../core/explore';
import type { Table } from '../core/table/types';
import type { ExploreApi } from '../../workers/explore';
import { shareOrCopyTable } from './copyTable';

/**
 * The interactive-chart worker. It is started on first use and sent the table (shared, or a copy) once per
 * dataset; a crash rejects the pending call and the next call starts afresh.
 */
export class ExploreBridge {
  private worker: Worker | null = null;
  private api: Remote<ExploreApi> | null = null;
  private sent: Table | null = null;
  private crash: ((e: Error) => void) | null = null;

  async chart(table: Table, request: ChartRequest): Promise<ChartData> {
    const api = this.ensure();
    const crashed = new Promise<never>((_, reject) => (this.crash = reject));
    crashed.catch(() => undefined);
    if (this.sent !== table) {
      const copy = await shareOrCopyTable(table);
      await Promise.race([api.setTable(transfer(copy.table, copy.buffers)), crashed]);
      this.sent = table;
    }
    return Promise.race([api.chart(request), crashed]);
  }

  dispose() {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.sent = null;
  }

  private ensure(): Remote<ExploreApi> {
    if (this.api) return this.api;
    const worker = new Worker(new URL('../../workers/explore.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.crash?.(new Error(`The chart worker stopped (${event.message || 'no message'}). Try the chart again.`));
      this.dispose();
    });
    this.worker = worker;
    this.api = wrap<ExploreApi>(worker);
    return this.api;
  }
}
