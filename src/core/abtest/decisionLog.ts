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

/** Same rule as `writeCsv`: a spreadsheet would run text starting with = + - @ TAB or CR as a formula. */
function safeText(text: string, neutralise: boolean): string {
  return neutralise && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One NDJSON line (with trailing newline). */
export function decisionToNdjson(d: Decision): string {
  return `${JSON.stringify({ unitId: d.unitId, variant: d.variant, prediction: d.prediction, timestamp: d.timestamp, shadow: d.shadow })}\n`;
}

/**
 * One CSV row (with trailing newline); a non-string prediction is written as JSON. Text fields
 * (unit id, variant, a string prediction) that start like a formula get a leading `'` unless
 * `neutraliseFormulas` is false; numbers are never prefixed.
 */
export function decisionToCsv(d: Decision, neutraliseFormulas = true): string {
  const text = (s: string) => safeText(s, neutraliseFormulas);
  const prediction = typeof d.prediction === 'string' ? text(d.prediction) : JSON.stringify(d.prediction);
  return `${[text(d.unitId), text(d.variant), prediction, String(d.timestamp), d.shadow ? 'true' : 'false'].map(csvField).join(',')}\n`;
}
