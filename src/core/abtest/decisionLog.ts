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

/**
 * The two decision-log line formats. emitRouterModule ships this function into router.mjs and the
 * A/B server writes its log with it, both from this text (`Function.prototype.toString()`), so it
 * reads only its arguments and built-ins.
 */
export function decisionFormats() {
  function csvField(text: string): string {
    return /[",\r\n]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
  }
  /** Same rule as `writeCsv`: a spreadsheet would run text starting with = + - @ TAB or CR as a formula. */
  function safeText(text: string, neutralise: boolean): string {
    return neutralise && /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  }
  /** One NDJSON line (with trailing newline). */
  function decisionToNdjson(d: Decision): string {
    return JSON.stringify({ unitId: d.unitId, variant: d.variant, prediction: d.prediction, timestamp: d.timestamp, shadow: d.shadow }) + '\n';
  }
  /**
   * One CSV row (with trailing newline); a non-string prediction is written as JSON. Text fields
   * (unit id, variant, a string prediction) that start like a formula get a leading `'` unless
   * `neutraliseFormulas` is false; numbers are never prefixed.
   */
  function decisionToCsv(d: Decision, neutraliseFormulas = true): string {
    const text = (s: string) => safeText(s, neutraliseFormulas);
    const prediction = typeof d.prediction === 'string' ? text(d.prediction) : JSON.stringify(d.prediction);
    return [text(d.unitId), text(d.variant), prediction, String(d.timestamp), d.shadow ? 'true' : 'false'].map(csvField).join(',') + '\n';
  }
  return { decisionToNdjson, decisionToCsv };
}

const formats = decisionFormats();
/** One NDJSON line (with trailing newline). */
export const decisionToNdjson = formats.decisionToNdjson;
/** One CSV row (with trailing newline); text that starts like a formula gets a leading `'` unless the second argument is false. */
export const decisionToCsv = formats.decisionToCsv;
