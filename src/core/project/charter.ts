/** The charter: an empty one, its problems in words, and a new project around it. */
import { METRIC_NAMES } from '../explain';
import type { Charter, Project } from './types';

export const emptyCharter = (): Charter => ({ question: '', metric: '', threshold: null, stakeholders: '', dataSources: '', timeline: '' });

/** The longest any charter field may be: a charter is a page, not a document store. */
export const CHARTER_FIELD_MAX = 5000;

/** A problem with one charter field: which field, and what to do. */
export interface CharterProblem {
  field: keyof Charter;
  message: string;
}

/**
 * What is wrong with a charter, field by field (empty when nothing is). Blank fields are not
 * problems: the board shows them as unticked items instead, so a charter can be filled in bit by bit.
 */
export function charterProblems(c: Charter): CharterProblem[] {
  const problems: CharterProblem[] = [];
  for (const field of ['question', 'metric', 'stakeholders', 'dataSources', 'timeline'] as const) {
    if (c[field].length > CHARTER_FIELD_MAX) problems.push({ field, message: `This field has ${c[field].length} characters; keep it under ${CHARTER_FIELD_MAX} (link to a longer document instead).` });
  }
  if (c.metric !== '' && !Object.prototype.hasOwnProperty.call(METRIC_NAMES, c.metric)) {
    problems.push({ field: 'metric', message: `"${c.metric}" is not a metric the studio measures; pick one from the list, or leave it on the task's main metric.` });
  }
  if (c.threshold !== null && !(Number.isFinite(c.threshold) && c.threshold > 0 && c.threshold < 1)) {
    problems.push({ field: 'threshold', message: `The success threshold must be a percentage above 0 and below 100 (for example 10 %); it is ${Number.isFinite(c.threshold) ? `${+(c.threshold * 100).toFixed(6)} %` : 'not a number'}.` });
  }
  return problems;
}

/** A fresh project with an empty charter. */
export function newProject(id: string, name: string, now: number): Project {
  return { id, name, createdAt: now, updatedAt: now, charter: emptyCharter(), datasetIds: [], events: [], ticks: [] };
}
