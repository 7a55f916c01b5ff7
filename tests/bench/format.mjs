// Number formats and the plain-text table every bench section prints.

export const seconds = (ms) => (ms == null || !Number.isFinite(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`);
export const millis = (ms) => (ms == null || !Number.isFinite(ms) ? '—' : `${Math.round(ms)} ms`);
export const mb = (x) => (x == null || !Number.isFinite(x) ? '—' : `${x.toFixed(0)} MB`);
export const mbPerSec = (x) => (x == null || !Number.isFinite(x) ? '—' : `${x.toFixed(1)} MB/s`);
export const times = (x) => (x == null || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`);
export const count = (n) => (n == null ? '—' : Math.round(n).toLocaleString('en-US'));
export const perSec = (n) => {
  if (n == null || !Number.isFinite(n)) return '—';
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M rows/s` : `${(n / 1e3).toFixed(0)} k rows/s`;
};

/** 'met' or 'missed' for a figure against a target; '—' when the figure is missing. */
export function verdict(value, { atLeast, atMost, below }) {
  if (value == null || !Number.isFinite(value)) return '—';
  const ok = atLeast != null ? value >= atLeast : atMost != null ? value <= atMost : value < below;
  return ok ? 'met' : 'MISSED';
}

/** Prints `rows` (arrays of cells) under `header` with a title, columns padded to their widest cell. */
export function printTable(title, header, rows, notes = []) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]?.length ?? 0)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const rule = '─'.repeat(widths.reduce((a, b) => a + b + 2, -2));
  console.log(`\n${title}\n${rule}\n${line(all[0])}\n${rule}`);
  for (const r of all.slice(1)) console.log(line(r));
  console.log(rule);
  for (const n of notes) console.log(`  · ${n}`);
}
