import { cellValue, type RunRow } from '../../../state/registryRows';
import { formatDate, formatNumber } from '../../../core/format';

/** The text of column `key` for `row` as the runs table shows it; `—` when the run lacks it. */
export function cellText(row: RunRow, key: string): string {
  const v = cellValue(row, key);
  if (v === undefined || v === null) return '—';
  if (key === 'startedAt') return formatDate(v as number, { time: true });
  return typeof v === 'number' ? formatNumber(v) : v;
}
