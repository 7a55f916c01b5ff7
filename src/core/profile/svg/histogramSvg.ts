import { escapeXml, formatNumber } from './escape';
import { axisEnds, frame, linear, MARGIN, r2, type ChartOptions } from './frame';

/** Bars of an equal-width histogram; each bar's `<title>` gives its interval and count. */
export function histogramSvg(hist: { edges: number[]; counts: number[] }, o: ChartOptions): string {
  const w = o.width ?? 320;
  const h = o.height ?? 180;
  const k = hist.counts.length;
  if (k === 0) return frame(o, `<text x="${w / 2}" y="${h / 2}" text-anchor="middle">No values</text>`);
  const max = Math.max(...hist.counts);
  const x = linear(0, k, MARGIN.left, w - MARGIN.right);
  const y = linear(0, max, h - MARGIN.bottom, MARGIN.top);
  const bars = hist.counts
    .map((c, i) => {
      const label = `[${formatNumber(hist.edges[i])}, ${formatNumber(hist.edges[i + 1])}${i === k - 1 ? ']' : ')'}: ${formatNumber(c)}`;
      return `<rect class="bar" x="${r2(x(i) + 0.5)}" y="${r2(y(c))}" width="${r2(Math.max(0.5, x(i + 1) - x(i) - 1))}" height="${r2(y(0) - y(c))}"><title>${escapeXml(label)}</title></rect>`;
    })
    .join('');
  const axis = axisEnds(MARGIN.left, w - MARGIN.right, h - MARGIN.bottom + 12, hist.edges[0], hist.edges[k]);
  const yTick = `<text class="tick" x="${MARGIN.left - 4}" y="${MARGIN.top + 8}" text-anchor="end">${escapeXml(formatNumber(max))}</text>`;
  return frame({ xLabel: 'value', yLabel: 'count', ...o }, bars + axis + yTick);
}
