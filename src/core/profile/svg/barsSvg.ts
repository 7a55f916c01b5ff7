import { fit, r2, svgFrame } from '../../chart';
import { escapeXml, formatNumber } from '../../format';
import type { ChartOptions } from './options';

/**
 * Horizontal bars, one per labelled value, in the given order; `labelWidth` (px, default 110) is the
 * room for labels. Labels are strings as given, so years stay "2014"; values go through the one formatter.
 */
export function barsSvg(items: { label: string; value: number }[], o: ChartOptions & { labelWidth?: number }): string {
  const w = o.width ?? 320;
  const rowH = 18;
  const h = o.height ?? Math.max(40, items.length * rowH + 24);
  const labelW = o.labelWidth ?? 110;
  const maxChars = Math.max(6, Math.floor((labelW - 8) / 6.4));
  // The longest bar fills the room whatever the values' size (contributions are often all below 1).
  const max = Math.max(0, ...items.map((d) => d.value)) || 1;
  const values = items.map((d) => formatNumber(d.value));
  // Room on the right for the longest value's text, so no number runs past the chart.
  const barMax = w - labelW - 8 - Math.max(...values.map((v) => v.length * 6.2), 0);
  const rows = items
    .map((d, i) => {
      const y = 6 + i * rowH;
      const bw = Math.max(0, (d.value / max) * barMax);
      return `<g><title>${escapeXml(`${d.label}: ${values[i]}`)}</title><text class="tick" x="${labelW - 4}" y="${y + 12}" text-anchor="end">${escapeXml(fit(d.label, maxChars))}</text><rect class="bar" x="${labelW}" y="${y + 2}" width="${r2(bw)}" height="${rowH - 4}"/><text class="tick" x="${r2(labelW + bw + 4)}" y="${y + 12}">${escapeXml(values[i])}</text></g>`;
    })
    .join('');
  return svgFrame({ title: o.title, width: w, height: h, ...(o.xLabel ? { xLabel: o.xLabel } : {}) }, rows);
}
