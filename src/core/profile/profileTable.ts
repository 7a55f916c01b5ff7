import type { Table } from '../table';
import { assembleReport, summarizeTable } from './assembleReport';
import { computeCorrelations, CORRELATION_SAMPLE_ROWS } from './correlations';
import { findDuplicates } from './duplicates';
import { missingSummary } from './missingMatrix';
import { computePca } from './pca';
import { profileColumnInto } from './profileColumn';
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
  // One sort buffer for every numeric column of this call, made only when a column needs sorting
  // (integer-lattice columns are counted instead).
  let buffer: Float64Array | undefined;
  const scratch = () => (buffer ??= new Float64Array(table.rowCount));
  return columnNames.map((name, i) => {
    hooks.signal?.throwIfAborted();
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new RangeError(`Column "${name}" is not in table "${table.name}"; it has ${table.columns.map((c) => `"${c.name}"`).join(', ')}.`);
    const profile = profileColumnInto(column, scratch);
    hooks.onSection?.({ kind: 'column', column: profile });
    hooks.onProgress?.(i + 1, columnNames.length);
    return profile;
  });
}

/** The sections that span several columns, in the order `profileCross` computes them. */
export const CROSS_SECTIONS = ['duplicates', 'missing', 'correlations', 'target', 'pca'] as const;
export type CrossSectionKind = (typeof CROSS_SECTIONS)[number];

/**
 * Computes only the named cross-column sections (in `CROSS_SECTIONS` order), reporting each as soon
 * as it is done, so two workers can share them out. One progress step per named section, counted
 * from `stepOffset`; target and PCA are skipped as in `profileCross` when options say so.
 */
export function profileSections(table: Table, sections: readonly CrossSectionKind[], options: ProfileOptions = {}, hooks: ProfileHooks = {}, stepOffset = 0, totalSteps = sections.length): Partial<CrossSections> {
  const seed = options.seed ?? 42;
  let step = stepOffset;
  const tick = () => {
    hooks.onProgress?.(++step, totalSteps);
    hooks.signal?.throwIfAborted();
  };
  hooks.signal?.throwIfAborted();
  const out: Partial<CrossSections> = {};
  const wanted = new Set(sections);
  if (wanted.has('duplicates')) {
    out.duplicates = findDuplicates(table);
    hooks.onSection?.({ kind: 'duplicates', duplicateRows: out.duplicates.duplicateRows });
    tick();
  }
  if (wanted.has('missing')) {
    out.missing = missingSummary(table);
    hooks.onSection?.({ kind: 'missing', missing: out.missing });
    tick();
  }
  if (wanted.has('correlations')) {
    out.correlations = computeCorrelations(table, seed, options.correlationSampleRows ?? CORRELATION_SAMPLE_ROWS);
    hooks.onSection?.({ kind: 'correlations', correlations: out.correlations });
    tick();
  }
  if (wanted.has('target')) {
    const target = options.target !== undefined ? analyseTarget(table, options.target, seed) : undefined;
    if (target) {
      out.target = target;
      hooks.onSection?.({ kind: 'target', target });
    }
    tick();
  }
  if (wanted.has('pca')) {
    const pca = options.pca === false ? null : computePca(table, options.target, seed);
    if (pca) {
      out.pca = pca;
      hooks.onSection?.({ kind: 'pca', pca });
    }
    tick();
  }
  return out;
}

/** Duplicates, missing co-occurrence, correlations, target analysis and PCA. */
export function profileCross(table: Table, options: ProfileOptions = {}, hooks: ProfileHooks = {}, stepOffset = 0, totalSteps = CROSS_STEPS): CrossSections {
  return profileSections(table, CROSS_SECTIONS, options, hooks, stepOffset, totalSteps) as CrossSections;
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
