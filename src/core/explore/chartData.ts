import type { Column, Table } from '../table';
import { booleanWord, isNumeric } from '../table';
import { createRng } from '../stats';
import { groupedBoxStats } from '../profile';
import type { BoxStats } from '../profile';

export type ChartKind = 'scatter' | 'box' | 'bar' | 'line';

/** What the chart builder asks for: an x column, an optional y and colour column, and a chart kind. */
export interface ChartRequest {
  kind: ChartKind;
  x: string;
  y?: string;
  color?: string;
  /** Points drawn one by one up to this many; past it a scatter becomes a density grid. Default 100,000. */
  maxPoints?: number;
  seed?: number;
}

export type ChartData =
  | {
      kind: 'scatter';
      x: Float64Array;
      y: Float64Array;
      /** Colour group per point (index into `groups`), or null when no colour column. */
      group: Int32Array | null;
      groups: string[];
      /** Rows with both x and y present; points shown may be fewer (see `density`). */
      rows: number;
    }
  | { kind: 'density'; width: number; height: number; xDomain: [number, number]; yDomain: [number, number]; counts: Uint32Array; rows: number }
  | { kind: 'box'; groups: BoxStats[] }
  | { kind: 'bar'; categories: string[]; series: string[]; values: number[][]; measure: 'count' | 'mean' }
  | { kind: 'line'; x: number[]; y: number[]; measure: 'mean' | 'count' };

/** A column's values as category labels: strings as is, numbers formatted, missing as null. */
function categoryCodes(column: Column, maxCategories = 30): { codes: Int32Array; labels: string[] } {
  if (!isNumeric(column)) {
    const counts = new Map<number, number>();
    for (const c of column.codes) if (c >= 0) counts.set(c, (counts.get(c) ?? 0) + 1);
    const kept = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, maxCategories).map(([c]) => c);
    const remap = new Map(kept.map((c, i) => [c, i]));
    const other = kept.length < counts.size;
    const labels = kept.map((c) => column.dictionary[c]);
    if (other) labels.push('(other)');
    const codes = new Int32Array(column.codes.length);
    for (let i = 0; i < codes.length; i++) {
      const c = column.codes[i];
      codes[i] = c < 0 ? -1 : (remap.get(c) ?? labels.length - 1);
    }
    return { codes, labels };
  }
  const index = new Map<number, number>();
  const labels: string[] = [];
  const codes = new Int32Array(column.values.length);
  for (let i = 0; i < codes.length; i++) {
    const v = column.values[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      if (labels.length >= maxCategories) {
        codes[i] = -1;
        continue;
      }
      code = labels.length;
      index.set(v, code);
      labels.push(column.type === 'boolean' ? booleanWord(column, v) : String(v));
    }
    codes[i] = code;
  }
  return { codes, labels };
}

function find(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`There is no column "${name}" in ${table.name}.`);
  return column;
}

function numericValues(column: Column, role: string): Float64Array {
  if (!isNumeric(column)) throw new Error(`"${column.name}" is ${column.type}; the ${role} axis of this chart needs a numeric or date column.`);
  return column.values;
}

/** Builds the data for one chart; every figure comes from the whole table, only drawn points are sampled. */
export function chartData(table: Table, request: ChartRequest): ChartData {
  const x = find(table, request.x);
  const y = request.y ? find(table, request.y) : undefined;
  switch (request.kind) {
    case 'scatter':
      return scatterData(table, request, numericValues(x, 'x'), numericValues(y ?? x, 'y'));
    case 'box': {
      if (!y) throw new Error('A box plot needs a numeric y column to summarise for each x group.');
      const { codes, labels } = categoryCodes(x);
      return { kind: 'box', groups: groupedBoxStats(codes, labels, numericValues(y, 'y')) };
    }
    case 'bar':
      return barData(x, y, request.color ? find(table, request.color) : undefined);
    case 'line':
      return lineData(numericValues(x, 'x'), y ? numericValues(y, 'y') : undefined);
  }
}

function scatterData(table: Table, request: ChartRequest, xs: Float64Array, ys: Float64Array): ChartData {
  const present: number[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) present.push(i);
  const maxPoints = request.maxPoints ?? 100_000;
  if (present.length > maxPoints) return densityData(xs, ys, present);
  const color = request.color ? categoryCodes(find(table, request.color), 8) : null;
  const n = present.length;
  const out = { x: new Float64Array(n), y: new Float64Array(n), group: color ? new Int32Array(n) : null };
  // Shuffled order so no colour group is always drawn on top of the others.
  const order = present.slice();
  const rng = createRng(request.seed ?? 42);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  order.forEach((row, i) => {
    out.x[i] = xs[row];
    out.y[i] = ys[row];
    if (out.group && color) out.group[i] = color.codes[row];
  });
  return { kind: 'scatter', ...out, groups: color?.labels ?? [], rows: n };
}

function densityData(xs: Float64Array, ys: Float64Array, present: number[]): ChartData {
  const width = 160;
  const height = 100;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const i of present) {
    x0 = Math.min(x0, xs[i]);
    x1 = Math.max(x1, xs[i]);
    y0 = Math.min(y0, ys[i]);
    y1 = Math.max(y1, ys[i]);
  }
  const counts = new Uint32Array(width * height);
  const sx = (width - 1) / (x1 - x0 || 1);
  const sy = (height - 1) / (y1 - y0 || 1);
  for (const i of present) counts[Math.round((ys[i] - y0) * sy) * width + Math.round((xs[i] - x0) * sx)]++;
  return { kind: 'density', width, height, xDomain: [x0, x1], yDomain: [y0, y1], counts, rows: present.length };
}

function barData(x: Column, y: Column | undefined, color: Column | undefined): ChartData {
  const cx = categoryCodes(x);
  const cc = color ? categoryCodes(color, 8) : null;
  const series = cc?.labels ?? [y ? `mean of ${y.name}` : 'rows'];
  const sums = cx.labels.map(() => new Float64Array(series.length));
  const counts = cx.labels.map(() => new Float64Array(series.length));
  const yv = y && isNumeric(y) ? y.values : null;
  for (let i = 0; i < cx.codes.length; i++) {
    const a = cx.codes[i];
    const b = cc ? cc.codes[i] : 0;
    if (a < 0 || b < 0) continue;
    if (yv) {
      if (!Number.isFinite(yv[i])) continue;
      sums[a][b] += yv[i];
    }
    counts[a][b]++;
  }
  const values = cx.labels.map((_, a) => series.map((_, b) => (yv ? (counts[a][b] ? sums[a][b] / counts[a][b] : NaN) : counts[a][b])));
  return { kind: 'bar', categories: cx.labels, series, values, measure: yv ? 'mean' : 'count' };
}

function lineData(xs: Float64Array, ys: Float64Array | undefined): ChartData {
  // Bins the x axis into at most 200 steps and plots the mean of y (or the row count) per step.
  let lo = Infinity, hi = -Infinity;
  for (const v of xs) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(hi >= lo)) return { kind: 'line', x: [], y: [], measure: ys ? 'mean' : 'count' };
  const bins = 200;
  const width = (hi - lo) / bins || 1;
  const sum = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (!Number.isFinite(v)) continue;
    if (ys && !Number.isFinite(ys[i])) continue;
    const b = Math.min(bins - 1, Math.floor((v - lo) / width));
    count[b]++;
    if (ys) sum[b] += ys[i];
  }
  const x: number[] = [];
  const y: number[] = [];
  for (let b = 0; b < bins; b++) {
    if (!count[b]) continue;
    x.push(lo + (b + 0.5) * width);
    y.push(ys ? sum[b] / count[b] : count[b]);
  }
  return { kind: 'line', x, y, measure: ys ? 'mean' : 'count' };
}
