/**
 * The score worker's `sql` (what the Deploy stage's SQL panel calls): the same text compileSql
 * writes, and a DeployError's message for a recipe SQL cannot express.
 */
import { expect, test } from 'vitest';
import { compileSql, portableOf } from '../../../../src/core/deploy';
import { createScoreService } from '../../../../src/core/scoring';
import { penguins } from '../deploy/trainTiny';
import { train } from '../deploy/sql/sqlCases';

test('sql writes compileSql’s text for the chosen dialect, and refuses a derive step by name', async () => {
  const trained = await train(penguins(), 'Species', { kind: 'baseline' });
  const service = createScoreService({ scorer: () => null, useBackend: async () => true });
  const input = { name: 'penguins', version: 2, ...trained };
  const options = { dialect: 'postgres' as const, table: 'birds', id: 'ring', form: 'view' as const };
  expect(service.sql(input, options)).toBe(compileSql({ fitted: trained.fitted, model: portableOf(trained), name: 'penguins', version: 2 }, options));
  const derived = { ...input, fitted: { ...trained.fitted, steps: [...trained.fitted.steps, { kind: 'derive' as const, name: 'ratio', expression: 'd => 1', output: 'number' as const }] } };
  expect(() => service.sql(derived, options)).toThrow(/Derived column 'ratio'/);
}, 120_000);
