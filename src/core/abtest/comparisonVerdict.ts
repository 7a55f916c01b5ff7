import type { RowsToDetect } from '../stats/tests';
import { formatCi, formatCount, formatP, formatMetric } from '../format';

const LABELS: Record<string, string> = { rocAuc: 'AUC', accuracy: 'accuracy', rmse: 'RMSE', mae: 'MAE' };

interface VerdictInput {
  champion: string;
  challenger: string;
  main: { metric: string; difference: number; ci: [number, number]; higherIsBetter: boolean };
  pValue: number;
  significant: boolean;
  better: string | null;
  rowsNeeded: RowsToDetect;
  confidence: number;
  /** Rows the two models were compared on. */
  rows: number;
}

/**
 * The comparison in one sentence, from the numbers: "challenger is better than champion on AUC by
 * 0.012 (95 % CI 0.004–0.020, p = 0.003) on 8,000 rows." The gap and interval are stated as the
 * winner's improvement (lower RMSE = better); the row count says how much evidence there was.
 */
export function comparisonVerdict(v: VerdictInput): string {
  const label = LABELS[v.main.metric] ?? v.main.metric;
  const rows = `${formatCount(v.rows)} row${v.rows === 1 ? '' : 's'}`;
  const sign = v.main.higherIsBetter ? 1 : -1;
  if (v.significant && v.better) {
    const flip = v.better === v.challenger ? sign : -sign;
    const gain = flip * v.main.difference;
    const ci: [number, number] = flip > 0 ? v.main.ci : [-v.main.ci[1], -v.main.ci[0]];
    const loser = v.better === v.challenger ? v.champion : v.challenger;
    return `${v.better} is better than ${loser} on ${label} by ${formatMetric(gain)} (${formatCi(ci, v.confidence)}, ${formatP(v.pValue)}) on ${rows}.`;
  }
  const more = v.rowsNeeded.extra === Infinity
    ? 'the observed difference is zero, so no amount of rows would make it significant'
    : v.rowsNeeded.extra === 0
      ? 'the test and the bootstrap interval disagree at this size, so treat it as borderline'
      : `about ${formatCount(v.rowsNeeded.extra)} more rows would be needed to detect a difference this size`;
  return `No significant difference on ${label} between ${v.challenger} and ${v.champion}: ${v.challenger} − ${v.champion} = ${formatMetric(v.main.difference)} (${formatCi(v.main.ci, v.confidence)}, ${formatP(v.pValue)}) on ${rows}; ${more}.`;
}
