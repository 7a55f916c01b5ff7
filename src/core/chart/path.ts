import { clipSegment } from './clip';
import { r2, type Box } from './frame';

/**
 * An SVG path through the points (x[i], y[i]) in pixels, clipped to `box`: non-finite points break
 * the line, and a segment leaving the box ends at its edge, so no line ever draws outside the plot.
 */
export function clippedPath(x: ArrayLike<number>, y: ArrayLike<number>, box: Box): string {
  let d = '';
  let penX = NaN;
  let penY = NaN;
  for (let i = 1; i < x.length; i++) {
    if (!(Number.isFinite(x[i - 1]) && Number.isFinite(y[i - 1]) && Number.isFinite(x[i]) && Number.isFinite(y[i]))) continue;
    const seg = clipSegment(x[i - 1], y[i - 1], x[i], y[i], box);
    if (!seg) continue;
    const [x1, y1, x2, y2] = seg.map(r2);
    if (x1 !== penX || y1 !== penY) d += `M${x1} ${y1}`;
    d += `L${x2} ${y2}`;
    [penX, penY] = [x2, y2];
  }
  // A lone finite point still shows, as a dot, when the box holds it.
  if (!d && x.length === 1 && x[0] >= box.left && x[0] <= box.right && y[0] >= box.top && y[0] <= box.bottom) d = `M${r2(x[0])} ${r2(y[0])}h0`;
  return d;
}

/** Round dots (zero-length round-capped strokes) for the points inside `box`; the others are dropped. */
export function dotsPath(x: ArrayLike<number>, y: ArrayLike<number>, box: Box): string {
  let d = '';
  for (let i = 0; i < x.length; i++) {
    const px = x[i];
    const py = y[i];
    if (px >= box.left && px <= box.right && py >= box.top && py <= box.bottom) d += `M${r2(px)} ${r2(py)}h0`;
  }
  return d;
}
