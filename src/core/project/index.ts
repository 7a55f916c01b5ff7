/**
 * Projects after the Team Data Science Process: a charter, a progress board whose items tick from
 * evidence the studio records, and the four documents (charter, data, model and exit reports) as
 * Markdown and self-contained HTML (written by `./documents`, a door of its own).
 */
export type { BoardStage, Charter, Project, ProjectEvent, ProjectFacts } from './types';
export { charterProblems, emptyCharter, newProject, type CharterProblem } from './charter';
export { readProject, ProjectError } from './readProject';
export { dataSummaryOf } from './dataSummary';
export { projectBoard, MANUAL_ITEMS } from './board';
export { unclaimedDatasets } from './scope';
export { projectFacts } from './facts';
export { DOCUMENTS, type DocumentKind } from './documentKinds';
