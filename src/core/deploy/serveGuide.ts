import type { FittedRecipe } from '../recipe';
import { requestRow, serveInstructions, type ServeInstructions } from '../serve';
import type { Table } from '../table';
import { inputExamples } from './inputExamples';
import { requiredInputs } from './requiredInputs';

/**
 * "Serve this model" for a version: the commands, and a curl request with a real row of `table`
 * (the open dataset) when it has every input, else with the typical values the recipe learned.
 */
export function serveGuide(model: { name: string; version: string | number; fitted: FittedRecipe }, table: Table | null): ServeInstructions {
  const inputs = requiredInputs(model.fitted);
  const row = table ? requestRow(table, inputs) : null;
  if (row) return serveInstructions(model, row, 'data');
  return serveInstructions(model, Object.fromEntries(inputExamples(model.fitted).map((c) => [c.name, c.example])), 'typical');
}
