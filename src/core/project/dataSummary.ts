/** The part of an exploration report a project keeps, so its data report can be written after a reload. */
import type { Report } from '../profile';
import type { DataSummary } from './types';

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

export function dataSummaryOf(report: Report): DataSummary {
  const alerts = [...report.alerts].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).map((a) => a.message);
  return {
    name: report.dataset.name,
    rows: report.dataset.rows,
    columns: report.dataset.columns,
    missingCellsRatio: report.dataset.missingCellsRatio,
    duplicateRows: report.dataset.duplicateRows,
    alerts: alerts.slice(0, 100),
    columnTable: report.columns.slice(0, 200).map((c) => ({ name: c.name, type: c.type, missingRatio: c.count + c.missing > 0 ? c.missing / (c.count + c.missing) : 0, distinct: c.distinct })),
    target: report.target
      ? { name: report.target.name, associations: report.target.associations.slice(0, 10).map((a) => ({ column: a.column, measure: a.measure, value: a.value })) }
      : null,
  };
}
