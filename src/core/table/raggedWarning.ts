import type { IngestWarning } from './types';

/** Rows named in the message; the warning's `rows` keeps up to 20 for the page to point at. */
const NAMED = 5;

/**
 * The warning for data rows whose number of fields differs from the header's (a missing or extra
 * delimiter, or an unquoted comma): how many, which ones, and what the reader did with them.
 * `rows` are data-row numbers from 1, the first few only; `count` is all of them.
 */
export function raggedWarning(count: number, rows: number[], width: number): IngestWarning {
  const n = (x: number) => x.toLocaleString('en-US');
  const shown = rows.slice(0, NAMED).map(n);
  const which = count === 1 ? `row ${shown[0]}` : shown.length === count ? `rows ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : `rows ${shown.join(', ')}, …`;
  const subject = count === 1 ? `1 data row (${which}) has` : `${n(count)} data rows (${which}) have`;
  return {
    code: 'ragged-rows',
    rows,
    count,
    message: `${subject} a different number of fields from the header's ${n(width)}. Short rows were padded with missing values and long rows cut to the header's width; no row was dropped. Look in ${count === 1 ? 'that row' : 'those rows'} for a missing or extra delimiter, or a value with a delimiter that is not quoted.`,
  };
}
