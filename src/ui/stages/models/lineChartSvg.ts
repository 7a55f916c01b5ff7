import { PALETTE } from '../../charts/drawChart';
import { formatNumber } from '../../format';

/** One line (or point cloud) of an overlay chart. */
export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Index into the Okabe–Ito palette; default the series' position. */
  color?: number;
  /** Dashed stroke, e.g. for validation curves. */
  dashed?: boolean;
}

/** Options of `lineChartSvg`. Sizes are SVG user units; the chart scales to its container. */
export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Dots instead of lines. Default false. */
  points?: boolean;
  /** A dashed reference line, e.g. the ROC diagonal or y = x. */
  diagonal?: boolean;
  width?: number;
  height?: number;
}

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const M = { top: 12, right: 12, bottom: 40, left: 56 };

function extent(series: readonly Series[], axis: 'x' | 'y', diagonal: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const values = s[axis];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return [0, 1];
  if (diagonal) return [Math.min(lo, 0), Math.max(hi, 1)];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/**
 * Overlaid series as an SVG string whose `<title>`/`aria-label` names every series, so the chart
 * has a text alternative; the legend is HTML beside it (see OverlayChart). Non-finite points break the line.
 */
export function lineChartSvg(series: readonly Series[], o: LineChartOptions): string {
  const w = o.width ?? 520;
  const h = o.height ?? 300;
  const diagonal = o.diagonal ?? false;
  const [x0, x1] = extent(series, 'x', diagonal);
  const [y0, y1] = diagonal && o.points ? [x0, x1] : extent(series, 'y', diagonal);
  const sx = (v: number) => M.left + ((v - x0) / (x1 - x0)) * (w - M.left - M.right);
  const sy = (v: number) => h - M.bottom - ((v - y0) / (y1 - y0)) * (h - M.top - M.bottom);
  const parts: string[] = [];
  parts.push(`<line class="axis" x1="${M.left}" y1="${h - M.bottom}" x2="${w - M.right}" y2="${h - M.bottom}" stroke="#8c959f"/>`);
  parts.push(`<line class="axis" x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${h - M.bottom}" stroke="#8c959f"/>`);
  for (let i = 0; i <= 4; i++) {
    const xv = x0 + ((x1 - x0) * i) / 4;
    const yv = y0 + ((y1 - y0) * i) / 4;
    parts.push(`<text class="tick" x="${sx(xv).toFixed(1)}" y="${h - M.bottom + 14}" text-anchor="middle" font-size="11">${esc(formatNumber(xv))}</text>`);
    parts.push(`<text class="tick" x="${M.left - 5}" y="${(sy(yv) + 4).toFixed(1)}" text-anchor="end" font-size="11">${esc(formatNumber(yv))}</text>`);
  }
  parts.push(`<text class="axis-label" x="${(M.left + w - M.right) / 2}" y="${h - 6}" text-anchor="middle" font-size="12">${esc(o.xLabel)}</text>`);
  parts.push(`<text class="axis-label" transform="translate(13 ${(M.top + h - M.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(o.yLabel)}</text>`);
  if (diagonal) {
    const lo = Math.max(x0, y0);
    const hi = Math.min(x1, y1);
    parts.push(`<line x1="${sx(lo)}" y1="${sy(lo)}" x2="${sx(hi)}" y2="${sy(hi)}" stroke="#8c959f" stroke-dasharray="4 4"/>`);
  }
  series.forEach((s, i) => {
    const color = PALETTE[(s.color ?? i) % PALETTE.length];
    if (o.points) {
      const dots: string[] = [];
      for (let j = 0; j < s.x.length; j++) {
        if (Number.isFinite(s.x[j]) && Number.isFinite(s.y[j])) dots.push(`M${sx(s.x[j]).toFixed(1)} ${sy(s.y[j]).toFixed(1)}h0`);
      }
      parts.push(`<path d="${dots.join('')}" stroke="${color}" stroke-width="4" stroke-linecap="round" opacity="0.6"/>`);
      return;
    }
    let d = '';
    let pen = false;
    for (let j = 0; j < s.x.length; j++) {
      const ok = Number.isFinite(s.x[j]) && Number.isFinite(s.y[j]);
      if (ok) d += `${pen ? 'L' : 'M'}${sx(s.x[j]).toFixed(1)} ${sy(s.y[j]).toFixed(1)}`;
      pen = ok;
    }
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
  });
  const label = `${o.title}: ${series.map((s) => s.label).join(', ')}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>` +
    `${parts.join('')}</svg>`
  );
}
