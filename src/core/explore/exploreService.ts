import type { Table } from '../table';
import { ngramLift, rowsWithNgram, type NgramLift, type NgramRows } from '../text';
import { chartData, type ChartData, type ChartRequest } from './chartData';

/** The chart worker's service: keeps one table and answers chart requests over it, so interactive charts never scan rows on the page. */
export function exploreService() {
  let table: Table | null = null;
  const current = () => {
    if (!table) throw new Error('No table has been sent to the exploration worker yet.');
    return table;
  };
  return {
    setTable(next: Table) {
      table = next;
    },
    chart(request: ChartRequest): ChartData {
      if (!table) throw new Error('No table has been sent to the exploration worker yet.');
      return chartData(table, request);
    },
    /** The n-gram explorer: a text column's words and sequences ranked by lift on the target. */
    ngramLift(column: string, target: string, positive?: string): NgramLift {
      return ngramLift(current(), column, target, positive);
    },
    /** The rows behind one n-gram of the explorer. */
    ngramRows(column: string, target: string, term: string): NgramRows {
      return rowsWithNgram(current(), column, target, term);
    },
  };
}

/** The buffers of a chart's arrays that can be transferred (one on shared memory cannot: posting shares it). */
export function chartTransferables(data: ChartData): ArrayBuffer[] {
  const arrays = data.kind === 'scatter' ? [data.x, data.y, data.group] : data.kind === 'density' ? [data.counts] : [];
  return arrays.flatMap((a) => (a && a.buffer instanceof ArrayBuffer ? [a.buffer] : []));
}
