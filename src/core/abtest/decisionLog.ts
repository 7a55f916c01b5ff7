/** One routing decision, as passed to `onDecision` and written to the decision log. */
export interface Decision {
  unitId: string;
  /** The variant that produced `prediction`. */
  variant: string;
  /** What the scorer returned for the request (JSON-serializable). */
  prediction: unknown;
  /** Epoch milliseconds when the answer was ready. */
  timestamp: number;
  /** True for a challenger scored silently in shadow mode (its answer was not returned). */
  shadow: boolean;
}

/** Header of the CSV decision log. */
export const DECISION_CSV_HEADER = 'unitId,variant,prediction,timestamp,shadow';

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One NDJSON line (with trailing newline). */
export function decisionToNdjson(d: Decision): string {
  return `${JSON.stringify({ unitId: d.unitId, variant: d.variant, prediction: d.prediction, timestamp: d.timestamp, shadow: d.shadow })}\n`;
}

/** One CSV row (with trailing newline); a non-string prediction is written as JSON. */
export function decisionToCsv(d: Decision): string {
  const prediction = typeof d.prediction === 'string' ? d.prediction : JSON.stringify(d.prediction);
  return `${[d.unitId, d.variant, prediction, String(d.timestamp), d.shadow ? 'true' : 'false'].map(csvField).join(',')}\n`;
}
