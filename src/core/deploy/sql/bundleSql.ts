/**
 * The SQL files of a bundle: model.sql (the DuckDB dialect, over a table named `input`) and the
 * ONNX snippets for Synapse and BigQuery. A model SQL cannot express (a network above the size
 * limit) ships without model.sql, and the card says why, rather than failing the whole export.
 */
import type { FittedRecipe } from '../../recipe';
import { DeployError } from '../errors';
import type { PortableModel } from '../types';
import { compileSql } from './compileSql';
import { bigqueryOnnx, synapsePredict } from './onnxSnippets';

/** The dialect and table name of a bundle's model.sql. */
const BUNDLE_SQL = { dialect: 'duckdb', table: 'input' } as const;

/** What the model card says about SQL: the file is there, or why it is not. */
export type CardSql = { dialect: string; table: string } | { unavailable: string };

export function bundleSqlFiles(input: { fitted: FittedRecipe; model: PortableModel; name: string; version: string | number }, withOnnx = true): { files: Record<string, string>; card: CardSql } {
  const id = { name: input.name, version: input.version };
  // The engines' ONNX snippets load model.onnx, which a bundle without one cannot offer.
  const files: Record<string, string> = withOnnx ? { 'sql/synapse-predict.sql': synapsePredict(input.fitted, id), 'sql/bigquery-onnx.sql': bigqueryOnnx(input.fitted, id) } : {};
  try {
    files['model.sql'] = compileSql(input, BUNDLE_SQL);
    return { files, card: { ...BUNDLE_SQL } };
  } catch (e) {
    if (!(e instanceof DeployError)) throw e;
    return { files, card: { unavailable: e.message } };
  }
}
