import type { Alert, ColumnProfile, Report, ReportSection } from '../core/profile';
import { computeAlerts, DEFAULT_THRESHOLDS, reportToJson, renderReportHtml, summarizeTable, type AlertThresholds } from '../core/profile';
import type { Table } from '../core/table';
import { ProfileBridge } from '../bridge/ProfileBridge';
import { ExploreBridge } from '../bridge/ExploreBridge';
import type { ChartData, ChartRequest } from '../core/explore';
import type { NgramLift, NgramRows } from '../core/text';
import { recordProfile } from './metrics';
import { dataSummaryOf } from '../core/project';
import { recordEvidence } from './projectEvidence';
import { isAbort, toUserError, type UserError } from './errors';

/** Partial results as sections arrive, so the report renders before it is complete. */
export interface PartialReport {
  columns: ColumnProfile[];
  sections: ReportSection[];
}

/**
 * The exploration report for the open dataset: computed in workers as soon as a dataset opens,
 * shown section by section, re-run when the target changes, and re-alerted (without recomputing
 * any statistic) when the thresholds change.
 */
export class ExploreState {
  report = $state.raw<Report | null>(null);
  partial = $state.raw<PartialReport>({ columns: [], sections: [] });
  progress = $state<{ done: number; total: number } | null>(null);
  error = $state<UserError | null>(null);
  thresholds = $state.raw<AlertThresholds>({ ...DEFAULT_THRESHOLDS });
  #profile = new ProfileBridge();
  #charts = new ExploreBridge();
  #controller: AbortController | null = null;
  #table: Table | null = null;
  /** Aborted when another dataset opens, so a chart still scanning the old one stops. */
  #charting = new AbortController();
  /** Counts those aborts: a chart on screen whose request was cut off asks again for the new table. */
  chartTable = $state(0);

  get running() {
    return this.progress !== null;
  }

  /** Alerts under the current thresholds. */
  get alerts(): Alert[] {
    return this.report?.alerts ?? [];
  }

  async run(table: Table, options: { target?: string | null; parseMs: number; fileName: string; startedAt?: number; fingerprint?: string }) {
    this.cancel();
    const controller = new AbortController();
    this.#controller = controller;
    if (this.#table !== table) {
      this.#charting.abort();
      this.#charting = new AbortController();
      this.chartTable++;
    }
    this.#table = table;
    this.report = null;
    this.error = null;
    this.partial = { columns: [], sections: [] };
    this.progress = { done: 0, total: table.columns.length + 5 };
    const started = performance.now();
    try {
      const report = await this.#profile.profile(
        table,
        { target: options.target ?? undefined, parseMs: options.parseMs, thresholds: this.thresholds, fingerprint: options.fingerprint },
        {
          signal: controller.signal,
          onProgress: (done, total) => {
            if (this.#controller === controller) this.progress = { done, total };
          },
          onSection: (section) => {
            if (this.#controller !== controller) return;
            this.partial =
              section.kind === 'column'
                ? { ...this.partial, columns: [...this.partial.columns, section.column] }
                : { ...this.partial, sections: [...this.partial.sections, section] };
          },
        },
      );
      if (this.#controller !== controller) return;
      this.report = report;
      const end = performance.now();
      recordProfile({
        file: options.fileName,
        totalMs: end - (options.startedAt ?? started),
        parseMs: options.parseMs,
        profileMs: end - started,
      });
    } catch (error) {
      if (!isAbort(error) && this.#controller === controller) this.error = toUserError('The exploration report could not be computed', error);
    } finally {
      if (this.#controller === controller) {
        this.progress = null;
        this.#controller = null;
      }
    }
  }

  /** Shows a report computed elsewhere (a streamed file); interactive charts use the preview rows. */
  adopt(report: Report, fileName: string, totalMs: number) {
    this.cancel();
    this.report = report;
    this.partial = { columns: [], sections: [] };
    this.error = null;
    recordProfile({ file: fileName, totalMs, parseMs: 0, profileMs: report.meta.timingsMs.profile });
  }

  cancel() {
    this.#controller?.abort();
    this.#controller = null;
    this.progress = null;
  }

  /** Applies new alert thresholds to the finished report; no statistic is recomputed. */
  setThresholds(thresholds: AlertThresholds) {
    this.thresholds = thresholds;
    const report = this.report;
    if (!report || !this.#table) return;
    const cross = {
      duplicates: { duplicateRows: report.dataset.duplicateRows, duplicateExamples: report.dataset.duplicateExamples },
      missing: report.missing,
      correlations: report.correlations,
      target: report.target,
      pca: report.pca,
    };
    const alerts = computeAlerts(summarizeTable(this.#table), report.columns, cross, thresholds);
    this.report = { ...report, alerts, meta: { ...report.meta, thresholds } };
  }

  chart(request: ChartRequest): Promise<ChartData> {
    if (!this.#table) return Promise.reject(new Error('Open a dataset first.'));
    return this.#charts.chart(this.#table, request, this.#charting.signal);
  }

  /** The n-gram explorer: `column`'s words and sequences ranked by lift on `target` (class `positive`). */
  ngramLift(column: string, target: string, positive?: string): Promise<NgramLift> {
    if (!this.#table) return Promise.reject(new Error('Open a dataset first.'));
    return this.#charts.ngramLift(this.#table, column, target, positive, this.#charting.signal);
  }

  ngramRows(column: string, target: string, term: string): Promise<NgramRows> {
    if (!this.#table) return Promise.reject(new Error('Open a dataset first.'));
    return this.#charts.ngramRows(this.#table, column, target, term, this.#charting.signal);
  }

  downloadJson() {
    if (!this.report) return;
    download(new Blob([reportToJson(this.report)], { type: 'application/json' }), `${baseName(this.report.dataset.name)}-report.json`);
    recordEvidence({ kind: 'data-report', at: Date.now(), format: 'json', summary: dataSummaryOf(this.report) });
  }

  downloadHtml() {
    if (!this.report) return;
    download(new Blob([renderReportHtml(this.report)], { type: 'text/html' }), `${baseName(this.report.dataset.name)}-report.html`);
    recordEvidence({ kind: 'data-report', at: Date.now(), format: 'html', summary: dataSummaryOf(this.report) });
  }
}

const baseName = (name: string) => name.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_') || 'dataset';

export function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
