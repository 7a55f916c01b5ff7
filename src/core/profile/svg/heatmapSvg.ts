import { fit, svgFrame } from '../../chart';
import { escapeXml, formatNumber } from '../../format';
import type { ChartOptions } from './options';

/** Diverging fill for a value in [-1, 1]: blue for negative, red for positive, grey for NaN. */
export function heatColor(v: number): string {
  if (!(v === v)) return '#eeeeee';
  const t = Math.min(1, Math.abs(v));
  const c = (a: number, b: number) => Math.round(a + (b - a) * t);
  return v >= 0 ? `rgb(${c(255, 200)},${c(255, 30)},${c(255, 40)})` : `rgb(${c(255, 30)},${c(255, 90)},${c(255, 200)})`;
}

/**
 * Square heatmap of a correlation matrix in `order` (default table order). Every cell
 * carries `data-x`/`data-y` (column names) so an app can open the pair's chart on click.
 */
export function heatmapSvg(m: { columns: string[]; matrix: number[][]; order?: number[] }, o: ChartOptions): string {
  const order = m.order ?? m.columns.map((_, i) => i);
  const n = order.length;
  const label = 110;
  const size = o.width ?? Math.min(640, label + Math.max(12, Math.min(36, 520 / Math.max(1, n))) * n + 10);
  const cell = (size - label - 10) / Math.max(1, n);
  const short = (s: string) => fit(s, 16);
  let body = '';
  order.forEach((i, r) => {
    body += `<text class="tick" x="${label - 4}" y="${label + r * cell + cell / 2 + 4}" text-anchor="end">${escapeXml(short(m.columns[i]))}</text>`;
    body += `<text class="tick" transform="translate(${label + r * cell + cell / 2 + 3} ${label - 4}) rotate(-90)">${escapeXml(short(m.columns[i]))}</text>`;
    order.forEach((j, c) => {
      const v = m.matrix[i][j];
      const t = `${m.columns[i]} × ${m.columns[j]}: ${formatNumber(v)}`;
      body += `<rect class="cell" data-x="${escapeXml(m.columns[j])}" data-y="${escapeXml(m.columns[i])}" x="${(label + c * cell).toFixed(1)}" y="${(label + r * cell).toFixed(1)}" width="${cell.toFixed(1)}" height="${cell.toFixed(1)}" fill="${heatColor(v)}"><title>${escapeXml(t)}</title></rect>`;
    });
  });
  return svgFrame({ title: o.title, width: size, height: size, className: 'heatmap' }, body);
}
