export type { ChartOptions } from './options';
export { histogramSvg } from './histogramSvg';
export { barsSvg } from './barsSvg';
export { heatmapSvg, heatColor } from './heatmapSvg';
export { boxSvg } from './boxSvg';
export { scatterSvg } from './scatterSvg';
