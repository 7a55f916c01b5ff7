import type { Table } from '../table';
import { computeAlerts, type TableSummary } from './alerts';
import { resolveThresholds } from './thresholds';
import type { ColumnProfile, CrossSections, ProfileOptions, Report } from './types';

/** The parts `assembleReport` merges; columns may come from several workers in any order. */
export interface ReportParts {
  table: TableSummary;
  columns: ColumnProfile[];
  cross: CrossSections;
  options?: ProfileOptions;
  /** Wall-clock ms spent profiling. */
  profileMs: number;
}

/** Summary of a table that alerts and the overview need (no cell data). */
export function summarizeTable(table: Table): TableSummary {
  return { name: table.name, rowCount: table.rowCount, columns: table.columns.map((c) => ({ name: c.name, shapes: c.shapes })) };
}

/** Merges column profiles and cross-column sections into a report with overview and alerts. */
export function assembleReport(parts: ReportParts): Report {
  const { table, cross, options = {} } = parts;
  const thresholds = resolveThresholds(options.thresholds);
  const byName = new Map(parts.columns.map((c) => [c.name, c]));
  const columns = table.columns.map((c) => {
    const p = byName.get(c.name);
    if (!p) throw new Error(`Column "${c.name}" has no profile; every column of "${table.name}" must be profiled before assembling.`);
    return p;
  });
  const missingCells = columns.reduce((s, c) => s + c.missing, 0);
  const cells = table.rowCount * columns.length;
  const columnsByType: Report['dataset']['columnsByType'] = {};
  for (const c of columns) columnsByType[c.type] = (columnsByType[c.type] ?? 0) + 1;
  const approximate = columns.some((c) => c.approximate);
  return {
    schemaVersion: 1,
    dataset: {
      name: table.name,
      rows: table.rowCount,
      columns: columns.length,
      missingCells,
      missingCellsRatio: cells ? missingCells / cells : 0,
      duplicateRows: cross.duplicates.duplicateRows,
      duplicateRowsRatio: table.rowCount ? cross.duplicates.duplicateRows / table.rowCount : 0,
      duplicateExamples: cross.duplicates.duplicateExamples,
      memoryBytes: columns.reduce((s, c) => s + c.memoryBytes, 0),
      columnsByType,
      fingerprint: options.fingerprint ?? '',
      ...(approximate ? { approximate } : {}),
    },
    columns,
    alerts: computeAlerts(table, columns, cross, thresholds),
    correlations: cross.correlations,
    missing: cross.missing,
    ...(cross.target ? { target: cross.target } : {}),
    ...(cross.pca ? { pca: cross.pca } : {}),
    meta: {
      generatedAt: new Date().toISOString(),
      timingsMs: { parse: options.parseMs ?? 0, profile: parts.profileMs },
      thresholds,
      seed: options.seed ?? 42,
    },
  };
}
