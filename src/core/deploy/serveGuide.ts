import type { FittedRecipe } from '../recipe';
import { abServeInstructions, requestRow, serveInstructions, type AbServeInstructions, type ServeInstructions } from '../serve';
import type { Table } from '../table';
import { inputExamples } from './inputExamples';
import { requiredInputs } from './requiredInputs';

/**
 * "Serve this model" for a version: the commands, and a curl request with a real row of `table`
 * (the open dataset) when it has every input, else with the typical values the recipe learned.
 */
export function serveGuide(model: { name: string; version: string | number; fitted: FittedRecipe }, table: Table | null): ServeInstructions {
  const { row, source } = exampleRow(model.fitted, table);
  // The open dataset's file holds every input when its first row does: the load test can send it.
  return serveInstructions(model, row, source, 8080, source === 'data' && table ? table.name : 'rows.csv');
}

/** The same for an A/B bundle of `variants`, with a request row for `champion`'s inputs. */
export function abServeGuide(champion: { fitted: FittedRecipe }, variants: readonly { name: string; weight: number }[], table: Table | null): AbServeInstructions {
  const { row, source } = exampleRow(champion.fitted, table);
  return abServeInstructions(variants, row, source);
}

function exampleRow(fitted: FittedRecipe, table: Table | null): { row: Record<string, unknown>; source: ServeInstructions['rowSource'] } {
  const row = table ? requestRow(table, requiredInputs(fitted)) : null;
  if (row) return { row, source: 'data' };
  return { row: Object.fromEntries(inputExamples(fitted).map((c) => [c.name, c.example])), source: 'typical' };
}
