import { axisTicks, fitAxisX, hexToRgb, linearScale, paletteColor, PALETTE, placeY } from '../../core/chart';
import type { BoundaryFrame, BoundarySetup } from '../../core/boundary';

/** Margins of the plot inside the canvas, in CSS pixels: room for the axis labels. */
export const MARGIN = { left: 48, right: 10, top: 10, bottom: 40 };

const RGB = PALETTE.map(hexToRgb);

/**
 * Colours a size × size image: each cell takes its class's palette colour, stronger where the
 * model is surer, so the boundary shows as a fade to white. One pass over 3,600 cells.
 */
export function paintCells(image: ImageData, frame: BoundaryFrame): void {
  const { cls, conf } = frame;
  if (!cls || !conf) return;
  const px = image.data;
  for (let c = 0; c < cls.length; c++) {
    const [r, g, b] = RGB[cls[c] % RGB.length];
    const a = 0.18 + 0.5 * (conf[c] / 255);
    px[c * 4] = Math.round(255 + (r - 255) * a);
    px[c * 4 + 1] = Math.round(255 + (g - 255) * a);
    px[c * 4 + 2] = Math.round(255 + (b - 255) * a);
    px[c * 4 + 3] = 255;
  }
}

/** Maps data values to plot pixels for a setup and a plot size. */
export function scales(setup: BoundarySetup, width: number, height: number) {
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;
  const [ex] = setup.extents;
  const ey = setup.extents[1] ?? setup.targetExtent ?? { min: 0, max: 1 };
  return {
    w,
    h,
    // The cell image spans the extents exactly, so the scales do too; ticks fall inside them.
    x: linearScale([ex.min, ex.max], [MARGIN.left, MARGIN.left + w]),
    y: linearScale([ey.min, ey.max], [MARGIN.top + h, MARGIN.top]),
  };
}

/**
 * Draws the training rows once into their own layer (the points never move), so each frame
 * costs one image scale and one layer copy whatever the number of rows.
 */
export function drawPoints(ctx: CanvasRenderingContext2D, setup: BoundarySetup, width: number, height: number): void {
  const s = scales(setup, width, height);
  const twoD = setup.points.length === 2;
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#ffffff';
  for (let i = 0; i < setup.labels.length; i++) {
    const x = s.x(setup.points[0][i]);
    const y = s.y(twoD ? setup.points[1][i] : setup.labels[i]);
    ctx.fillStyle = twoD ? paletteColor(setup.labels[i]) : '#57606a';
    ctx.beginPath();
    ctx.arc(x, y, twoD ? 3.2 : 2.4, 0, Math.PI * 2);
    ctx.fill();
    if (twoD) ctx.stroke();
  }
}

/** Axes: the plot frame, round ticks from the chart toolkit (inside the extents) and the axis names. */
export function drawAxes(ctx: CanvasRenderingContext2D, setup: BoundarySetup, labels: { x: string; y: string }, width: number, height: number): void {
  const s = scales(setup, width, height);
  const [ex] = setup.extents;
  const ey = setup.extents[1] ?? setup.targetExtent!;
  const inside = (lo: number, hi: number) => {
    const t = axisTicks(lo, hi, 4);
    const keep = t.ticks.map((v, i) => [v, i] as const).filter(([v]) => v >= lo && v <= hi);
    return { values: keep.map(([v]) => v), labels: keep.map(([, i]) => t.labels[i]) };
  };
  const xa = fitAxisX(ex.min, ex.max, [MARGIN.left, MARGIN.left + s.w], width, { domain: [ex.min, ex.max] });
  const yt = inside(ey.min, ey.max);
  ctx.strokeStyle = '#57606a';
  ctx.strokeRect(MARGIN.left, MARGIN.top, s.w, s.h);
  ctx.fillStyle = '#1b1f24';
  ctx.font = '12px system-ui, sans-serif';
  for (const t of xa.ticks) {
    ctx.textAlign = t.anchor === 'middle' ? 'center' : t.anchor === 'start' ? 'left' : 'right';
    ctx.fillText(t.label, t.at, height - MARGIN.bottom + 14);
  }
  ctx.textAlign = 'right';
  for (const t of placeY(yt.values, yt.labels, s.y)) ctx.fillText(t.label, MARGIN.left - 4, t.at + 4);
  ctx.textAlign = 'center';
  ctx.fillText(labels.x, MARGIN.left + s.w / 2, height - 8);
  ctx.save();
  ctx.translate(14, MARGIN.top + s.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(labels.y, 0, 0);
  ctx.restore();
}

/** The fitted curve of a one-feature regression, over the points layer. */
export function drawCurve(ctx: CanvasRenderingContext2D, setup: BoundarySetup, curve: Float32Array, width: number, height: number): void {
  const s = scales(setup, width, height);
  const ex = setup.extents[0];
  ctx.save();
  ctx.beginPath();
  ctx.rect(MARGIN.left, MARGIN.top, s.w, s.h);
  ctx.clip();
  ctx.strokeStyle = paletteColor(5);
  ctx.lineWidth = 3;
  ctx.beginPath();
  for (let i = 0; i < curve.length; i++) {
    const v = ex.min + (ex.max - ex.min) * ((i + 0.5) / curve.length);
    if (i === 0) ctx.moveTo(s.x(v), s.y(curve[i]));
    else ctx.lineTo(s.x(v), s.y(curve[i]));
  }
  ctx.stroke();
  ctx.restore();
}
