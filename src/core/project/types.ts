/** A project: the charter a person fills in and the evidence the studio records for it. */

/**
 * The charter, after TDSP's charter template: what the business asks, how success is measured,
 * who cares, where the data comes from and when it is due. Every field is free text but the metric
 * and its threshold, which the board checks runs against.
 */
export interface Charter {
  /** The business question the model answers. */
  question: string;
  /** Metric key (`rocAuc`, `rmse`…); '' for the task's primary metric. */
  metric: string;
  /**
   * How much better than the baseline a model must be to count as a success, as a share 0..1 on
   * the scale of `baselineMargin` (share of the baseline's error removed, or of its gap to perfect closed).
   */
  threshold: number | null;
  stakeholders: string;
  dataSources: string;
  timeline: string;
}

/** A compact record of a downloaded exploration report, kept so the data report survives a reload. */
export interface DataSummary {
  name: string;
  rows: number;
  columns: number;
  missingCellsRatio: number;
  duplicateRows: number;
  /** Alert sentences, most severe first. */
  alerts: string[];
  /** Column, type, missing share and distinct count of each column (at most 200). */
  columnTable: { name: string; type: string; missingRatio: number; distinct: number }[];
  target: { name: string; associations: { column: string; measure: string; value: number }[] } | null;
}

/**
 * Something the studio saw happen that counts as evidence. Events are appended, never edited, so
 * the board can always point at when and what.
 */
export type ProjectEvent =
  | { kind: 'data-report'; at: number; format: 'html' | 'json'; summary: DataSummary }
  | { kind: 'bundle-exported'; at: number; model: string; version: string; fileName: string }
  | { kind: 'ab-analysed'; at: number; verdict: string; units: number }
  | { kind: 'gate'; at: number; model: string; version: string; pass: boolean; source: string };

/** A tick a person gave an item by hand, with their note. */
export interface ManualTick {
  item: string;
  at: number;
  note: string;
}

export interface Project {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  charter: Charter;
  /** Datasets (registry ids) the project works on; runs and versions follow from them. */
  datasetIds: string[];
  events: ProjectEvent[];
  ticks: ManualTick[];
}

/** What the studio knows, as plain records: the evidence rules read only this. */
export interface ProjectFacts {
  datasets: { id: string; name: string; rows: number; columns: number; createdAt: number }[];
  runs: {
    id: string;
    datasetId: string;
    label: string;
    status: string;
    endedAt: number | null;
    task: string | null;
    metrics: Record<string, number>;
    baselineMetrics: Record<string, number> | null;
  }[];
  versions: {
    id: string;
    model: string;
    version: number;
    runId: string;
    createdAt: number;
    /** The latency gate kept on the version, when it was measured. */
    latency: { pass: boolean; targetP95Ms: number; measuredAt: string } | null;
  }[];
}

/** Where a tick came from: a record the user can open, or the person who ticked it. */
export interface Evidence {
  at: number;
  /** One sentence naming the record. */
  words: string;
  /** Where in the studio it lives (`#models`, `#deploy`, `#explore`, `#project`). */
  link: string;
}

export interface BoardItem {
  id: string;
  label: string;
  /** `auto` items tick from evidence; `manual` ones a person ticks. */
  mode: 'auto' | 'manual';
  /** What would tick it, for an unticked item. */
  needs: string;
  evidence: Evidence | null;
}

export interface BoardStage {
  id: string;
  label: string;
  items: BoardItem[];
}
