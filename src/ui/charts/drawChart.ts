import type { ChartData } from '../../core/explore';
import { axisTicks, categoryColors, extentOf, fit, fitAxisX, hexToRgb, isIntegerValued, linearScale, MISSING_COLOR, padExtent, paletteColor, placeY, plotBox, type Box, type Scale } from '../../core/chart';
import { formatCount } from '../../core/format';

const M = { top: 14, right: 16, bottom: 44, left: 64 };

/** Colours of a chart's groups, in the order given, by their place in the sorted vocabulary (stable across charts). */
export function groupColors(groups: readonly string[]): string[] {
  const colors = categoryColors(groups);
  return groups.map((g) => colors.get(g)!);
}

interface Axes {
  sx: Scale;
  sy: Scale;
  box: Box;
}

/** Round axes from the toolkit: nice ticks (whole numbers for whole-number data), labels kept inside the canvas. */
function axes(ctx: CanvasRenderingContext2D, w: number, h: number, x: { domain: [number, number]; integer?: boolean } | null, yd: [number, number], xLabel: string, yLabel: string): Axes {
  const box = plotBox(w, h, M);
  const yt = axisTicks(yd[0], yd[1], Math.max(2, Math.round((box.bottom - box.top) / 50)));
  const sy = linearScale(yt.domain, [box.bottom, box.top]);
  const xa = x ? fitAxisX(x.domain[0], x.domain[1], [box.left, box.right], w, { integer: x.integer ?? false }) : null;
  const sx = xa ? xa.scale : linearScale([0, 1], [box.left, box.right]);
  ctx.strokeStyle = '#8c959f';
  ctx.fillStyle = '#1b1f24';
  ctx.lineWidth = 1;
  ctx.font = '12px system-ui, sans-serif';
  ctx.beginPath();
  ctx.moveTo(box.left, box.top);
  ctx.lineTo(box.left, box.bottom);
  ctx.lineTo(box.right, box.bottom);
  ctx.stroke();
  ctx.textAlign = 'right';
  for (const t of placeY(yt.ticks, yt.labels, sy)) ctx.fillText(t.label, box.left - 6, t.at + 4);
  if (xa)
    for (const t of xa.ticks) {
      ctx.textAlign = t.anchor === 'middle' ? 'center' : t.anchor === 'start' ? 'left' : 'right';
      ctx.fillText(t.label, t.at, box.bottom + 16);
    }
  ctx.textAlign = 'center';
  ctx.fillText(xLabel, (box.left + box.right) / 2, h - 8);
  ctx.save();
  ctx.translate(14, (box.top + box.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();
  return { sx, sy, box };
}

/** Clips what is drawn next to the plot box, so no mark crosses an axis. Pair with `ctx.restore()`. */
function clipTo(ctx: CanvasRenderingContext2D, box: Box) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.left, box.top, box.right - box.left, box.bottom - box.top);
  ctx.clip();
}

const GREY_RGB = hexToRgb(MISSING_COLOR);

/**
 * Scatter points blended straight into pixels and composited once: 100k fillRect calls with a colour
 * change each took 50–80 ms of the main thread; this takes a few.
 */
function drawPoints(ctx: CanvasRenderingContext2D, data: Extract<ChartData, { kind: 'scatter' }>, { sx, sy, box }: Axes, dpr: number) {
  const W = ctx.canvas.width;
  const H = ctx.canvas.height;
  const image = new ImageData(W, H);
  const px = image.data;
  const size = Math.max(1, Math.round((data.rows > 20_000 ? 1.5 : 3) * dpr));
  const alpha = data.rows > 20_000 ? 0.35 : 0.7;
  const rgb = groupColors(data.groups).map(hexToRgb);
  const first = hexToRgb(paletteColor(0));
  // Pixels outside the plot box are skipped: the image is clipped as the vector marks are.
  const [cx0, cy0, cx1, cy1] = [box.left, box.top, box.right, box.bottom].map((v) => Math.round(v * dpr));
  for (let i = 0; i < data.rows; i++) {
    const [r, g, b] = data.group ? (data.group[i] < 0 ? GREY_RGB : (rgb[data.group[i]] ?? GREY_RGB)) : first;
    const x0 = Math.round(sx(data.x[i]) * dpr - size / 2);
    const y0 = Math.round(sy(data.y[i]) * dpr - size / 2);
    for (let y = Math.max(cy0, y0); y < Math.min(H, cy1, y0 + size); y++) {
      for (let x = Math.max(cx0, x0); x < Math.min(W, cx1, x0 + size); x++) {
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
      const a = axes(ctx, w, h, { domain: padExtent(extentOf([data.x]), 0.02), integer: isIntegerValued(data.x) }, padExtent(extentOf([data.y]), 0.02), labels.x, labels.y);
      drawPoints(ctx, data, a, dpr);
      break;
    }
    case 'density': {
      const { sx, sy, box } = axes(ctx, w, h, { domain: data.xDomain }, data.yDomain, labels.x, labels.y);
      clipTo(ctx, box);
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
      ctx.restore();
      break;
    }
    case 'line': {
      const { sx, sy, box } = axes(ctx, w, h, { domain: extentOf([data.x]), integer: isIntegerValued(data.x) }, extentOf([data.y]), labels.x, labels.y);
      clipTo(ctx, box);
      ctx.strokeStyle = paletteColor(0);
      ctx.lineWidth = 2;
      ctx.beginPath();
      data.x.forEach((x, i) => (i ? ctx.lineTo(sx(x), sy(data.y[i])) : ctx.moveTo(sx(x), sy(data.y[i]))));
      ctx.stroke();
      ctx.restore();
      break;
    }
    case 'box': {
      const lo = Math.min(...data.groups.map((g) => g.min));
      const hi = Math.max(...data.groups.map((g) => g.max));
      const n = data.groups.length;
      const { sy, box } = axes(ctx, w, h, null, [lo, hi], labels.x, labels.y);
      const band = (box.right - box.left) / Math.max(1, n);
      const colors = groupColors(data.groups.map((g) => g.group));
      data.groups.forEach((g, i) => {
        const cx = M.left + band * (i + 0.5);
        const bw = Math.min(40, band * 0.5);
        ctx.strokeStyle = '#1b1f24';
        ctx.fillStyle = colors[i];
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
        if (band > 24) ctx.fillText(fit(g.group, Math.max(3, Math.floor(band / 7))), cx, box.bottom + 16);
      });
      break;
    }
    case 'bar': {
      const totals = data.values.map((row) => row.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0));
      const stacked = data.measure === 'count';
      const [lo, hi] = stacked ? [0, Math.max(1, ...totals)] : extentOf([[0, ...data.values.flat()]]);
      const { sy, box } = axes(ctx, w, h, null, [lo, hi], labels.x, labels.y);
      const band = (box.right - box.left) / Math.max(1, data.categories.length);
      const colors = groupColors(data.series);
      data.categories.forEach((cat, i) => {
        let base = 0;
        data.series.forEach((_, s) => {
          const v = data.values[i][s];
          if (!Number.isFinite(v)) return;
          ctx.fillStyle = colors[s];
          const x = box.left + band * i + band * 0.1 + (stacked ? 0 : (band * 0.8 * s) / data.series.length);
          const bw = stacked ? band * 0.8 : (band * 0.8) / data.series.length;
          const top = stacked ? base + v : v;
          ctx.fillRect(x, sy(top), bw, sy(stacked ? base : 0) - sy(top));
          base += stacked ? v : 0;
        });
        ctx.fillStyle = '#1b1f24';
        ctx.textAlign = 'center';
        if (band > 24) ctx.fillText(fit(cat, Math.max(3, Math.floor(band / 7))), box.left + band * (i + 0.5), box.bottom + 16);
      });
      break;
    }
  }
}

/** One sentence describing the chart, for screen readers and the text alternative. */
export function describeChart(data: ChartData, labels: { x: string; y: string }): string {
  switch (data.kind) {
    case 'scatter':
      return `Scatter plot of ${labels.y} against ${labels.x}, ${formatCount(data.rows)} points${data.groups.length ? `, coloured by ${data.groups.length} groups` : ''}.`;
    case 'density':
      return `Density plot of ${labels.y} against ${labels.x} over ${formatCount(data.rows)} rows (too many to draw one by one); darker cells hold more rows.`;
    case 'line':
      return `Line chart of ${data.measure === 'mean' ? `the mean of ${labels.y}` : 'the row count'} over ${labels.x}, ${data.x.length} steps.`;
    case 'box':
      return `Box plots of ${labels.y} for ${data.groups.length} groups of ${labels.x}.`;
    case 'bar':
      return `Bar chart of ${data.measure === 'mean' ? `the mean of ${labels.y}` : 'row counts'} for ${data.categories.length} values of ${labels.x}${data.series.length > 1 ? `, split by ${data.series.length} groups` : ''}.`;
  }
}
