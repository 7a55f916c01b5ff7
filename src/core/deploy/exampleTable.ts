import type { FittedRecipe } from '../recipe';
import { columnFromValues } from '../table';
import type { Table } from '../table';
import { inputExamples } from './inputExamples';

const DAY_MS = 86_400_000;

/**
 * `rows` rows a model accepts, made from what its recipe learned (`inputExamples`): categories
 * cycle through the vocabulary and numbers spread around the typical value, so a tree takes
 * different paths and a network sees different codes. Lets the latency gate time a registered
 * version with no dataset open; it says so, since real rows may time differently.
 */
export function exampleTable(fitted: FittedRecipe, rows: number): Table {
  const columns = inputExamples(fitted).map((c) => {
    const values = Array.from({ length: rows }, (_, i) => {
      if (c.type === 'datetime') return Date.UTC(2024, 4, 1) + (i % 365) * DAY_MS;
      if (c.type === 'boolean') return i % 2;
      if (typeof c.example === 'number') return c.type === 'integer' ? Math.round(c.example * (0.5 + (i % 11) / 10)) : c.example * (0.5 + (i % 11) / 10);
      return c.categories.length ? c.categories[i % c.categories.length] : `${c.example}`;
    });
    return columnFromValues(c.name, c.type, values);
  });
  return { name: 'example rows', rowCount: rows, columns };
}
