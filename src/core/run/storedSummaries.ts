/**
 * The explanation and slice summaries of a registered version, read from the experiment result its
 * training record keeps (stored as JSON): the model card of a version says what its run's card said.
 */
import type { SliceReport } from '../evaluate';
import { explanationSummary, sliceJson, type ExplanationSummary, type SliceReportJson } from '../explain';
import type { ModelExplanation } from '../models';
import type { Task } from '../recipe';

export function storedSummaries(result: Record<string, unknown> | null, task: Task): { explanation?: ExplanationSummary; slices?: SliceReportJson } {
  const explanation = result?.explanation as ModelExplanation | undefined;
  const slices = result?.slices as SliceReport | undefined;
  return {
    ...(explanation?.permutation ? { explanation: explanationSummary(explanation, task) } : {}),
    ...(slices?.slices ? { slices: sliceJson(slices) } : {}),
  };
}
