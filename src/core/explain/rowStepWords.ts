/** Row steps in words, for Prepare's step cards and the model card. */
import type { FilterOp, RowStep } from '../recipe';

/** The filter's conditions as printed: `!=` is "≠", `present` is "is not missing". */
export const FILTER_OP_WORDS: Readonly<Record<FilterOp, string>> = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥', missing: 'is missing', present: 'is not missing' };

/** "duplicate rows removed", "kept only rows where `Horsepower` > 100". */
export function rowStepWords(step: RowStep): string {
  if (step.kind === 'deduplicate') {
    return step.columns?.length ? `rows repeating an earlier row on ${step.columns.map((c) => `\`${c}\``).join(', ')} removed` : 'duplicate rows removed';
  }
  const value = step.op === 'missing' || step.op === 'present' ? '' : ` ${typeof step.value === 'number' ? String(step.value) : `"${step.value ?? ''}"`}`;
  return `kept only rows where \`${step.column}\` ${FILTER_OP_WORDS[step.op]}${value}`;
}
