import type { Table } from '../table/types';
import { assembleReport, summarizeTable } from './assembleReport';
import { computeCorrelations, CORRELATION_SAMPLE_ROWS } from './correlations';
import { findDuplicates } from './duplicates';
import { missingSummary } from './missingMatrix';
import { computePca } from './pca';
import { profileColumn } from './profileColumn';
import { analyseTarget } from './target';
import type { ColumnProfile, CrossSections, ProfileOptions, Report, ReportSection } from './types';

/** Cancellation and progress callbacks; sections arrive as soon as each is computed. */
export interface ProfileHooks {
  signal?: AbortSignal;
  onSection?(section: ReportSection): void;
  /** Steps done out of total (one per column plus one per cross-column section). */
  onProgress?(done: number, total: number): void;
}

const CROSS_STEPS = 5;

/** Profiles the named columns only, so several workers can split a table. */
export function profileColumns(table: Table, columnNames: string[], _options: ProfileOptions = {}, hooks: ProfileHooks = {}): ColumnProfile[] {
  return columnNames.map((name, i) => {
    hooks.signal?.throwIfAborted();
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new RangeError(`Column "${name}" is not in table "${table.name}"; it has ${table.columns.map((c) => `"${c.name}"`).join(', ')}.`);
    const profile = profileColumn(column);
    hooks.onSection?.({ kind: 'column', column: profile });
    hooks.onProgress?.(i + 1, columnNames.length);
    return profile;
  });
}

/** Duplicates, missing co-occurrence, correlations, target analysis and PCA. */
export function profileCross(table: Table, options: ProfileOptions = {}, hooks: ProfileHooks = {}, stepOffset = 0, totalSteps = CROSS_STEPS): CrossSections {
  const seed = options.seed ?? 42;
  let step = stepOffset;
  const tick = () => {
    hooks.onProgress?.(++step, totalSteps);
    hooks.signal?.throwIfAborted();
  };
  hooks.signal?.throwIfAborted();
  const duplicates = findDuplicates(table);
  hooks.onSection?.({ kind: 'duplicates', duplicateRows: duplicates.duplicateRows });
  tick();
  const missing = missingSummary(table);
  hooks.onSection?.({ kind: 'missing', missing });
  tick();
  const correlations = computeCorrelations(table, seed, options.correlationSampleRows ?? CORRELATION_SAMPLE_ROWS);
  hooks.onSection?.({ kind: 'correlations', correlations });
  tick();
  const target = options.target !== undefined ? analyseTarget(table, options.target, seed) : undefined;
  if (target) hooks.onSection?.({ kind: 'target', target });
  tick();
  const pca = options.pca === false ? null : computePca(table, options.target, seed);
  if (pca) hooks.onSection?.({ kind: 'pca', pca });
  tick();
  return { duplicates, missing, correlations, ...(target ? { target } : {}), ...(pca ? { pca } : {}) };
}

/** The whole exploration report of a table, on the calling thread. */
export function profileTable(table: Table, options: ProfileOptions = {}, hooks: ProfileHooks = {}): Report {
  const start = performance.now();
  const total = table.columns.length + CROSS_STEPS;
  const columns = profileColumns(table, table.columns.map((c) => c.name), options, {
    ...hooks,
    onProgress: (done) => hooks.onProgress?.(done, total),
  });
  const cross = profileCross(table, options, hooks, table.columns.length, total);
  return assembleReport({ table: summarizeTable(table), columns, cross, options, profileMs: performance.now() - start });
}
