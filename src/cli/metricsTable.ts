/**
 * `--format table`: the metrics of a command as a table for people (metric names in words, four
 * significant digits, thousands separators). The JSON line stays the default and keeps full precision.
 */
import { comparisonSentence, rowsSentence, taskName, type MetricPair, type RowCounts } from '../core/explain';
import { num } from '../core/format';
import { metricName } from '../core/explain';

export type OutputFormat = 'json' | 'table';

/** Reads `--format`: json (the default) or table. */
export function outputFormat(value: string | undefined, usage: string): OutputFormat {
  if (value === undefined || value === 'json' || value === 'table') return value ?? 'json';
  throw new RangeError(`--format ${value} must be json or table. ${usage}`.trim());
}

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A metric value in a table: four significant digits; a metric with no value is "not defined". */
const cell = (x: number | undefined) => (x === undefined ? '—' : num(x, 4));

export interface TrainTableInput {
  /** The model in words ("Gradient-boosted trees"). */
  model: string;
  task: string;
  /** Where it trained, in words ("JavaScript", "WASM"). */
  backend: string;
  metrics: Record<string, number>;
  baselineMetrics: Record<string, number>;
  comparison: MetricPair;
  rows: RowCounts;
}

/** What `modelbench train --format table` prints: the model, each test metric beside the baseline's, and the verdict. */
export function trainTable(t: TrainTableInput): string {
  const rows = Object.entries(t.metrics).map(([key, value]) => [metricName(key), cell(value), cell(t.baselineMetrics[key])]);
  return [
    `${t.model}, ${taskName(t.task)}, trained on ${t.backend}. ${rowsSentence(t.rows)}`,
    '',
    'Test metrics:',
    '',
    textTable(['Metric', 'Model', 'Baseline'], rows),
    '',
    comparisonSentence(t.comparison),
  ].join('\n');
}
