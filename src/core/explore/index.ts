export { chartData, type ChartData, type ChartKind, type ChartRequest } from './chartData';
export { exploreService, chartTransferables } from './exploreService';
