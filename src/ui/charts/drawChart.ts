import type { ChartData } from '../../core/explore';
import { formatNumber } from '../format';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

const M = { top: 14, right: 14, bottom: 44, left: 64 };

interface Axes {
  sx: (v: number) => number;
  sy: (v: number) => number;
}

function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? (lo === hi ? [lo - 1, hi + 1] : [lo, hi]) : [0, 1];
}

function axes(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  xd: [number, number],
  yd: [number, number],
  xLabel: string,
  yLabel: string,
  xTicks = true,
): Axes {
  const sx = (v: number) => M.left + ((v - xd[0]) / (xd[1] - xd[0])) * (w - M.left - M.right);
  const sy = (v: number) => h - M.bottom - ((v - yd[0]) / (yd[1] - yd[0])) * (h - M.top - M.bottom);
  ctx.strokeStyle = '#8c959f';
  ctx.fillStyle = '#1b1f24';
  ctx.lineWidth = 1;
  ctx.font = '12px system-ui, sans-serif';
  ctx.beginPath();
  ctx.moveTo(M.left, M.top);
  ctx.lineTo(M.left, h - M.bottom);
  ctx.lineTo(w - M.right, h - M.bottom);
  ctx.stroke();
  for (let i = 0; i <= 4; i++) {
    const xv = xd[0] + ((xd[1] - xd[0]) * i) / 4;
    const yv = yd[0] + ((yd[1] - yd[0]) * i) / 4;
    ctx.textAlign = 'center';
    if (xTicks) ctx.fillText(formatNumber(xv), sx(xv), h - M.bottom + 16);
    ctx.textAlign = 'right';
    ctx.fillText(formatNumber(yv), M.left - 6, sy(yv) + 4);
  }
  ctx.textAlign = 'center';
  ctx.fillText(xLabel, M.left + (w - M.left - M.right) / 2, h - 8);
  ctx.save();
  ctx.translate(14, M.top + (h - M.top - M.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();
  return { sx, sy };
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const PALETTE_RGB = PALETTE.map(rgb);
const GREY_RGB = rgb('#8c959f');

/**
 * Scatter points blended straight into pixels and composited once: 100k fillRect calls with a colour
 * change each took 50–80 ms of the main thread; this takes a few.
 */
function drawPoints(ctx: CanvasRenderingContext2D, data: Extract<ChartData, { kind: 'scatter' }>, sx: (v: number) => number, sy: (v: number) => number, dpr: number) {
  const W = ctx.canvas.width;
  const H = ctx.canvas.height;
  const image = new ImageData(W, H);
  const px = image.data;
  const size = Math.max(1, Math.round((data.rows > 20_000 ? 1.5 : 3) * dpr));
  const alpha = data.rows > 20_000 ? 0.35 : 0.7;
  for (let i = 0; i < data.rows; i++) {
    const [r, g, b] = data.group ? (data.group[i] < 0 ? GREY_RGB : PALETTE_RGB[data.group[i] % PALETTE_RGB.length]) : PALETTE_RGB[0];
    const x0 = Math.round(sx(data.x[i]) * dpr - size / 2);
    const y0 = Math.round(sy(data.y[i]) * dpr - size / 2);
    for (let y = Math.max(0, y0); y < Math.min(H, y0 + size); y++) {
      for (let x = Math.max(0, x0); x < Math.min(W, x0 + size); x++) {
        // Source-over on straight (non-premultiplied) RGBA, as the canvas would blend it.
        const k = (y * W + x) * 4;
        const da = px[k + 3] / 255;
        const oa = alpha + da * (1 - alpha);
        const keep = (da * (1 - alpha)) / oa;
        const take = alpha / oa;
        px[k] = r * take + px[k] * keep;
        px[k + 1] = g * take + px[k + 1] * keep;
        px[k + 2] = b * take + px[k + 2] * keep;
        px[k + 3] = oa * 255;
      }
    }
  }
  const layer = new OffscreenCanvas(W, H);
  layer.getContext('2d')!.putImageData(image, 0, 0);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(layer, 0, 0);
  ctx.restore();
}

/** Draws any ChartData on a canvas (scatter up to 100k points, density grids beyond, box, bar, line). */
export function drawChart(canvas: HTMLCanvasElement, data: ChartData, labels: { x: string; y: string }) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 600;
  const h = canvas.clientHeight || 360;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  switch (data.kind) {
    case 'scatter': {
      const { sx, sy } = axes(ctx, w, h, extent(data.x), extent(data.y), labels.x, labels.y);
      drawPoints(ctx, data, sx, sy, dpr);
      break;
    }
    case 'density': {
      const { sx, sy } = axes(ctx, w, h, data.xDomain, data.yDomain, labels.x, labels.y);
      const max = Math.log1p(data.counts.reduce((m, v) => Math.max(m, v), 0));
      const cw = (sx(data.xDomain[1]) - sx(data.xDomain[0])) / data.width + 1;
      const ch = (sy(data.yDomain[0]) - sy(data.yDomain[1])) / data.height + 1;
      for (let r = 0; r < data.height; r++)
        for (let c = 0; c < data.width; c++) {
          const n = data.counts[r * data.width + c];
          if (!n) continue;
          ctx.fillStyle = `rgba(0, 114, 178, ${0.15 + 0.85 * (Math.log1p(n) / max)})`;
          const x = data.xDomain[0] + ((data.xDomain[1] - data.xDomain[0]) * c) / (data.width - 1);
          const y = data.yDomain[0] + ((data.yDomain[1] - data.yDomain[0]) * r) / (data.height - 1);
          ctx.fillRect(sx(x) - cw / 2, sy(y) - ch / 2, cw, ch);
        }
      break;
    }
    case 'line': {
      const { sx, sy } = axes(ctx, w, h, extent(data.x), extent(data.y), labels.x, labels.y);
      ctx.strokeStyle = PALETTE[0];
      ctx.lineWidth = 2;
      ctx.beginPath();
      data.x.forEach((x, i) => (i ? ctx.lineTo(sx(x), sy(data.y[i])) : ctx.moveTo(sx(x), sy(data.y[i]))));
      ctx.stroke();
      break;
    }
    case 'box': {
      const lo = Math.min(...data.groups.map((g) => g.min));
      const hi = Math.max(...data.groups.map((g) => g.max));
      const n = data.groups.length;
      const { sy } = axes(ctx, w, h, [0, n], extent([lo, hi]), labels.x, labels.y, false);
      const band = (w - M.left - M.right) / Math.max(1, n);
      data.groups.forEach((g, i) => {
        const cx = M.left + band * (i + 0.5);
        const bw = Math.min(40, band * 0.5);
        ctx.strokeStyle = '#1b1f24';
        ctx.fillStyle = PALETTE[i % PALETTE.length];
        ctx.beginPath();
        ctx.moveTo(cx, sy(g.whiskerLow));
        ctx.lineTo(cx, sy(g.whiskerHigh));
        ctx.stroke();
        ctx.globalAlpha = 0.6;
        ctx.fillRect(cx - bw / 2, sy(g.q3), bw, sy(g.q1) - sy(g.q3));
        ctx.globalAlpha = 1;
        ctx.strokeRect(cx - bw / 2, sy(g.q3), bw, sy(g.q1) - sy(g.q3));
        ctx.beginPath();
        ctx.moveTo(cx - bw / 2, sy(g.median));
        ctx.lineTo(cx + bw / 2, sy(g.median));
        ctx.lineWidth = 2;
        ctx.stroke();
        ctx.lineWidth = 1;
        ctx.fillStyle = '#1b1f24';
        ctx.textAlign = 'center';
        ctx.fillText(g.group.length > 14 ? `${g.group.slice(0, 13)}…` : g.group, cx, h - M.bottom + 16);
      });
      break;
    }
    case 'bar': {
      const totals = data.values.map((row) => row.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0));
      const stacked = data.measure === 'count';
      const max = stacked ? Math.max(1, ...totals) : Math.max(1e-9, ...data.values.flat().filter(Number.isFinite));
      const { sy } = axes(ctx, w, h, [0, data.categories.length], [0, max], labels.x, labels.y, false);
      const band = (w - M.left - M.right) / Math.max(1, data.categories.length);
      data.categories.forEach((cat, i) => {
        let base = 0;
        data.series.forEach((_, s) => {
          const v = data.values[i][s];
          if (!Number.isFinite(v)) return;
          ctx.fillStyle = PALETTE[s % PALETTE.length];
          const x = M.left + band * i + band * 0.1 + (stacked ? 0 : (band * 0.8 * s) / data.series.length);
          const bw = stacked ? band * 0.8 : (band * 0.8) / data.series.length;
          const top = stacked ? base + v : v;
          ctx.fillRect(x, sy(top), bw, sy(stacked ? base : 0) - sy(top));
          base += stacked ? v : 0;
        });
        ctx.fillStyle = '#1b1f24';
        ctx.textAlign = 'center';
        if (band > 24) ctx.fillText(cat.length > 12 ? `${cat.slice(0, 11)}…` : cat, M.left + band * (i + 0.5), h - M.bottom + 16);
      });
      break;
    }
  }
}

/** One sentence describing the chart, for screen readers and the text alternative. */
export function describeChart(data: ChartData, labels: { x: string; y: string }): string {
  switch (data.kind) {
    case 'scatter':
      return `Scatter plot of ${labels.y} against ${labels.x}, ${data.rows.toLocaleString('en')} points${data.groups.length ? `, coloured by ${data.groups.length} groups` : ''}.`;
    case 'density':
      return `Density plot of ${labels.y} against ${labels.x} over ${data.rows.toLocaleString('en')} rows (too many to draw one by one); darker cells hold more rows.`;
    case 'line':
      return `Line chart of ${data.measure === 'mean' ? `the mean of ${labels.y}` : 'the row count'} over ${labels.x}, ${data.x.length} steps.`;
    case 'box':
      return `Box plots of ${labels.y} for ${data.groups.length} groups of ${labels.x}.`;
    case 'bar':
      return `Bar chart of ${data.measure === 'mean' ? `the mean of ${labels.y}` : 'row counts'} for ${data.categories.length} values of ${labels.x}${data.series.length > 1 ? `, split by ${data.series.length} groups` : ''}.`;
  }
}
