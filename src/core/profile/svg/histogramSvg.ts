import { axesSvg, axisTicks, fitAxisX, linearScale, placeY, plotBox, r2, svgFrame } from '../../chart';
import { escapeXml, formatCount, formatNumber } from '../../format';
import type { ChartOptions } from './options';

/** Bars of an equal-width histogram on round axes; each bar's `<title>` gives its interval and count. */
export function histogramSvg(hist: { edges: number[]; counts: number[] }, o: ChartOptions): string {
  const w = o.width ?? 320;
  const h = o.height ?? 180;
  const box = plotBox(w, h, { top: 10, right: 14, bottom: 36, left: 52 });
  const k = hist.counts.length;
  const frame = { title: o.title, width: w, height: h, box, xLabel: o.xLabel ?? 'value', yLabel: o.yLabel ?? 'count', className: 'histogram' };
  if (k === 0) return svgFrame(frame, `<text x="${w / 2}" y="${h / 2}" text-anchor="middle">No values</text>`);
  const lo = hist.edges[0];
  const hi = hist.edges[k];
  const x = fitAxisX(lo, hi, [box.left, box.right], w, { integer: hist.edges.every(Number.isInteger), year: o.year ?? false });
  const sx = x.scale;
  const yt = axisTicks(0, Math.max(1, ...hist.counts), 4, { integer: true });
  const sy = linearScale(yt.domain, [box.bottom, box.top]);
  const bars = hist.counts
    .map((c, i) => {
      const label = `[${formatNumber(hist.edges[i])}, ${formatNumber(hist.edges[i + 1])}${i === k - 1 ? ']' : ')'}: ${formatCount(c)}`;
      const x0 = sx(hist.edges[i]);
      const x1 = sx(hist.edges[i + 1]);
      return `<rect class="bar" x="${r2(x0 + 0.5)}" y="${r2(sy(c))}" width="${r2(Math.max(0.5, x1 - x0 - 1))}" height="${r2(sy(0) - sy(c))}"><title>${escapeXml(label)}</title></rect>`;
    })
    .join('');
  const axes = axesSvg(box, x.ticks, placeY(yt.ticks, yt.labels, sy), escapeXml);
  return svgFrame(frame, axes + bars);
}
