/**
 * The one chart toolkit, DOM-free: scales, round ticks, extents, axes and clipping for every chart
 * in the studio (SVG strings and canvas) and in the HTML report. Numbers on axes go through
 * `../format`, so a figure reads the same everywhere.
 */
export { linearScale, bandScale, type Scale } from './scale';
export { niceTicks, isIntegerValued, type Ticks } from './ticks';
export { extentOf, padExtent } from './extent';
export { axisTicks, fitAxisX, placeY, axesSvg, type AxisTick } from './axis';
export { clippedPath, dotsPath } from './path';
export { plotBox, svgFrame, fit, r2, type Box } from './frame';
export { PALETTE, MISSING_COLOR, paletteColor, categoryColors, hexToRgb } from './palette';
export { linesSvg, type LineSeries } from './linesSvg';
