/**
 * The four project documents (charter, data report, model report, exit report) as Markdown and
 * self-contained HTML. A door of its own: it reuses the model card's sections, so it pulls in
 * `core/deploy`, which the page loads only when a document is asked for.
 */
export { modelFactsOf, type StoredVersion } from './modelFacts';
export { projectDocument } from './projectDocument';
