export { escapeXml, formatNumber } from './escape';
export type { ChartOptions } from './frame';
export { histogramSvg } from './histogramSvg';
export { barsSvg } from './barsSvg';
export { niceTicks } from './ticks';
export { heatmapSvg, heatColor } from './heatmapSvg';
export { boxSvg } from './boxSvg';
export { scatterSvg } from './scatterSvg';
