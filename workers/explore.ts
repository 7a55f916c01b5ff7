import { expose, transfer } from 'comlink';
import { chartData, type ChartData, type ChartRequest } from '../src/core/explore';
import type { Table } from '../src/core/table/types';

let table: Table | null = null;

/** Keeps one table and answers chart requests over it, so interactive charts never scan rows on the main thread. */
const api = {
  setTable(next: Table) {
    table = next;
  },
  chart(request: ChartRequest): ChartData {
    if (!table) throw new Error('No table has been sent to the exploration worker yet.');
    const data = chartData(table, request);
    const buffers: ArrayBuffer[] = [];
    if (data.kind === 'scatter') buffers.push(data.x.buffer as ArrayBuffer, data.y.buffer as ArrayBuffer, ...(data.group ? [data.group.buffer as ArrayBuffer] : []));
    if (data.kind === 'density') buffers.push(data.counts.buffer as ArrayBuffer);
    // A buffer on shared memory cannot be transferred (posting shares it).
    return transfer(data, buffers.filter((b) => b instanceof ArrayBuffer));
  },
};

export type ExploreApi = typeof api;
expose(api);
