import type { BoxStats } from '../types';
import { escapeXml, formatNumber } from './escape';
import { axisEnds, frame, linear, MARGIN, r2, type ChartOptions } from './frame';

/** Horizontal box plots, one row per group, on a shared axis. */
export function boxSvg(groups: BoxStats[], o: ChartOptions): string {
  const w = o.width ?? 320;
  const rowH = 22;
  const left = 100;
  const h = o.height ?? groups.length * rowH + MARGIN.top + MARGIN.bottom;
  const lo = Math.min(...groups.map((g) => g.whiskerLow));
  const hi = Math.max(...groups.map((g) => g.whiskerHigh));
  const x = linear(lo, hi, left, w - MARGIN.right);
  const rows = groups
    .map((g, i) => {
      const y = MARGIN.top + i * rowH + rowH / 2;
      const t = `${g.group}: n=${formatNumber(g.count)}, median ${formatNumber(g.median)}, IQR ${formatNumber(g.q1)}–${formatNumber(g.q3)}`;
      const name = g.group.length > 14 ? `${g.group.slice(0, 13)}…` : g.group;
      return `<g><title>${escapeXml(t)}</title><text class="tick" x="${left - 4}" y="${y + 4}" text-anchor="end">${escapeXml(name)}</text><line class="whisker" x1="${r2(x(g.whiskerLow))}" x2="${r2(x(g.whiskerHigh))}" y1="${y}" y2="${y}"/><rect class="box" x="${r2(x(g.q1))}" y="${y - 7}" width="${r2(Math.max(1, x(g.q3) - x(g.q1)))}" height="14"/><line class="median" x1="${r2(x(g.median))}" x2="${r2(x(g.median))}" y1="${y - 7}" y2="${y + 7}"/></g>`;
    })
    .join('');
  return frame({ ...o, width: w, height: h }, rows + axisEnds(left, w - MARGIN.right, h - MARGIN.bottom + 12, lo, hi), 'boxplot');
}
