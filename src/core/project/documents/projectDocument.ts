/** The four project documents as files: Markdown, and the same text as a self-contained HTML page. */
import { projectBoard } from '../board';
import { markdownPage } from './markdownPage';
import type { ModelFacts } from './modelFacts';
import { exitReportMarkdown, modelReportMarkdown } from './outcomeDocuments';
import { charterMarkdown, dataReportMarkdown } from './planDocuments';
import { scopeFacts } from '../scope';
import type { DataSummary, Project, ProjectFacts } from '../types';
import { DOCUMENTS, type DocumentKind } from '../documentKinds';


export interface DocumentInput {
  project: Project;
  /** Every record in the studio; the documents read the project's own. */
  facts: ProjectFacts;
  /** The exploration report open now, when it describes the project's data; else the last one downloaded is used. */
  summary: DataSummary | null;
  /** The version the model and exit reports describe. */
  model: ModelFacts | null;
  now: number;
}

export interface ProjectDocument {
  fileName: string;
  title: string;
  markdown: string;
  html: string;
}

/** A file name from a project name: letters, digits, dots, dashes. */
const slug = (name: string) => name.normalize('NFKD').replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'project';

export function projectDocument(kind: DocumentKind, input: DocumentInput): ProjectDocument {
  const { project, now } = input;
  const board = projectBoard(project, input.facts);
  const reports = project.events.filter((e) => e.kind === 'data-report');
  const summary = input.summary ?? reports.reduce<DataSummary | null>((_, e) => e.summary, null);
  const markdown =
    kind === 'charter' ? charterMarkdown(project, board, now)
    : kind === 'data-report' ? dataReportMarkdown(project, summary, now)
    : kind === 'model-report' ? modelReportMarkdown(project, input.model, now)
    : exitReportMarkdown({ project, board, facts: scopeFacts(project, input.facts), deployed: input.model, now });
  const label = DOCUMENTS.find((d) => d.kind === kind)!.label;
  const title = `${label}: ${project.name}`;
  return { fileName: `${slug(project.name)}-${kind}`, title, markdown, html: markdownPage(title, markdown) };
}
