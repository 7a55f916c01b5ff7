/** Metrics by slice in words: each slice's label, how it compares with overall, and the plain-JSON form run.json and the model card carry. */
import type { Slice, SliceKey, SliceReport } from '../evaluate';
import { datetimeWords } from '../table';
import { num } from '../format';
import { metricName } from './metricNames';

const valueText = (v: number, type: 'number' | 'boolean' | 'date') => (type === 'date' ? datetimeWords(v) : type === 'boolean' ? (v ? 'true' : 'false') : num(v));

/** "female", "18 – 24", "2024-01-01 – 2024-03-31", "missing", "other (12 categories)". */
export function sliceLabel(key: SliceKey): string {
  switch (key.kind) {
    case 'category':
      return key.value;
    case 'other':
      return `other (${key.categories === 1 ? '1 category' : `${num(key.categories)} categories`})`;
    case 'missing':
      return 'missing';
    case 'value':
      return key.word ?? valueText(key.value, key.type);
    case 'range':
      return key.low === key.high ? valueText(key.low, key.type) : `${valueText(key.low, key.type)} – ${valueText(key.high, key.type)}`;
  }
}

/** How a slice compares with overall on the primary metric: "0.12 worse", "0.03 better", "as overall", or why there is no figure. */
export function sliceGapWords(slice: Slice, report: SliceReport): string {
  if (Number.isNaN(slice.worseBy)) return report.metric === 'rocAuc' ? 'not defined: one class only' : 'not defined';
  if (num(Math.abs(slice.worseBy)) === '0') return 'as overall';
  return `${num(Math.abs(slice.worseBy))} ${slice.worseBy > 0 ? 'worse' : 'better'}`;
}

/** A metric's name inside a sentence: "log loss", "accuracy", but "ROC AUC" and "MAE" as they are. */
export function metricInSentence(key: string): string {
  const name = metricName(key);
  const first = name.split(' ')[0];
  return first === first.toUpperCase() ? name : name[0].toLowerCase() + name.slice(1);
}

/** The ranking rule in one sentence, for captions. */
export function sliceRankingWords(report: Pick<SliceReport, 'metric' | 'secondary' | 'minRows'>): string {
  const by = metricInSentence(report.metric);
  return `Ranked by how much worse than overall the ${by} is (by ${metricInSentence(report.secondary)} where the ${by} is not defined); slices under ${num(report.minRows)} rows come last, as too few to trust.`;
}

/** One slice as run.json and the model card hold it: its label in words, figures rounded, null where undefined. */
export interface SliceJson {
  column: string;
  label: string;
  rows: number;
  metric: number | null;
  secondary: number | null;
  worseBy: number | null;
  small: boolean;
}

export interface SliceReportJson {
  metric: string;
  secondary: string;
  overall: number | null;
  overallSecondary: number | null;
  rows: number;
  totalRows: number;
  minRows: number;
  columns: string[];
  ranking: string;
  /** Weakest first. */
  slices: SliceJson[];
}

const round = (v: number): number | null => (Number.isFinite(v) ? Number(v.toPrecision(4)) : null);

/** The JSON-friendly form of a slice report (4 significant digits, labels in words). */
export function sliceJson(report: SliceReport): SliceReportJson {
  return {
    metric: report.metric,
    secondary: report.secondary,
    overall: round(report.overall),
    overallSecondary: round(report.overallSecondary),
    rows: report.rows,
    totalRows: report.totalRows,
    minRows: report.minRows,
    columns: report.columns,
    ranking: sliceRankingWords(report),
    slices: report.slices.map((s) => ({ column: s.column, label: sliceLabel(s.key), rows: s.rows, metric: round(s.metric), secondary: round(s.secondary), worseBy: round(s.worseBy), small: s.small })),
  };
}
