import { transfer } from 'comlink';
import { chartTransferables, exploreService, type ChartRequest } from '../src/core/explore';
import { exposeService } from '../src/core/thread';

const service = exploreService();

/** As the service, with the chart's arrays transferred rather than copied. */
const api = {
  setTable: service.setTable,
  ngramLift: service.ngramLift,
  ngramRows: service.ngramRows,
  chart(request: ChartRequest) {
    const data = service.chart(request);
    return transfer(data, chartTransferables(data));
  },
};

export type ExploreApi = typeof api;
exposeService(api);
