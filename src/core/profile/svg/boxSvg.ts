import type { BoxStats } from '../types';
import { axesSvg, fit, fitAxisX, r2, svgFrame } from '../../chart';
import { escapeXml, formatCount, formatNumber } from '../../format';
import type { ChartOptions } from './options';

/** Horizontal box plots, one row per group, on a shared round axis. */
export function boxSvg(groups: BoxStats[], o: ChartOptions): string {
  const w = o.width ?? 320;
  const rowH = 22;
  const top = 10;
  const bottom = 36;
  const h = o.height ?? groups.length * rowH + top + bottom;
  const box = { left: 100, top, right: w - 14, bottom: h - bottom };
  const lo = Math.min(...groups.map((g) => g.whiskerLow));
  const hi = Math.max(...groups.map((g) => g.whiskerHigh));
  const axis = fitAxisX(lo, hi, [box.left, box.right], w);
  const x = axis.scale;
  const step = (box.bottom - box.top) / Math.max(1, groups.length);
  const rows = groups
    .map((g, i) => {
      const y = r2(box.top + i * step + step / 2);
      const half = Math.min(7, step / 2 - 1);
      const t = `${g.group}: n = ${formatCount(g.count)}, median ${formatNumber(g.median)}, IQR ${formatNumber(g.q1)}–${formatNumber(g.q3)}`;
      return `<g><title>${escapeXml(t)}</title><text class="tick" x="${box.left - 4}" y="${y + 4}" text-anchor="end">${escapeXml(fit(g.group, 14))}</text><line class="whisker" x1="${r2(x(g.whiskerLow))}" x2="${r2(x(g.whiskerHigh))}" y1="${y}" y2="${y}"/><rect class="box" x="${r2(x(g.q1))}" y="${y - half}" width="${r2(Math.max(1, x(g.q3) - x(g.q1)))}" height="${2 * half}"/><line class="median" x1="${r2(x(g.median))}" x2="${r2(x(g.median))}" y1="${y - half}" y2="${y + half}"/></g>`;
    })
    .join('');
  return svgFrame({ ...o, width: w, height: h, box, className: 'boxplot' }, axesSvg(box, axis.ticks, null, escapeXml) + rows);
}
