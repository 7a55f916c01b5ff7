import { escapeXml, formatNumber } from './escape';
import { frame, type ChartOptions } from './frame';

/** Horizontal bars, one per labelled value, in the given order; `labelWidth` (px, default 110) is the room for labels. */
export function barsSvg(items: { label: string; value: number }[], o: ChartOptions & { labelWidth?: number }): string {
  const w = o.width ?? 320;
  const rowH = 18;
  const h = o.height ?? Math.max(40, items.length * rowH + 24);
  const labelW = o.labelWidth ?? 110;
  const maxChars = Math.max(8, Math.floor(labelW / 6));
  const max = Math.max(1, ...items.map((d) => d.value));
  const barMax = w - labelW - 60;
  const rows = items
    .map((d, i) => {
      const y = 6 + i * rowH;
      const bw = Math.max(0, (d.value / max) * barMax);
      const label = d.label.length > maxChars ? `${d.label.slice(0, maxChars - 1)}…` : d.label;
      return `<g><title>${escapeXml(`${d.label}: ${formatNumber(d.value)}`)}</title><text class="tick" x="${labelW - 4}" y="${y + 12}" text-anchor="end">${escapeXml(label)}</text><rect class="bar" x="${labelW}" y="${y + 2}" width="${Math.round(bw * 100) / 100}" height="${rowH - 4}"/><text class="tick" x="${labelW + bw + 4}" y="${y + 12}">${escapeXml(formatNumber(d.value))}</text></g>`;
    })
    .join('');
  return frame({ title: o.title, width: w, height: h, ...(o.xLabel ? { xLabel: o.xLabel } : {}) }, rows, 'bars');
}
