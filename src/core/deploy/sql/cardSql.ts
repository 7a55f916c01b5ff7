/** The model card's lines about SQL: the files, and how to run model.sql or write it for another engine. */
import { codeBlock } from '../escape';
import type { CardSql } from './bundleSql';

export type { CardSql };

export function sqlCardFiles(sql: CardSql | undefined): string[] {
  if (!sql) return [];
  const onnx = '- `sql/synapse-predict.sql`, `sql/bigquery-onnx.sql` — scoring `model.onnx` inside Azure Synapse (`PREDICT … RUNTIME = ONNX`) and BigQuery (ONNX import).';
  if ('unavailable' in sql) return [onnx];
  return [`- \`model.sql\` — the recipe and the model as one SQL query (${sql.dialect === 'duckdb' ? 'DuckDB' : sql.dialect} dialect) over a table named \`${sql.table}\`.`, onnx];
}

export function sqlCardSection(sql: CardSql | undefined): string[] {
  if (!sql) return [];
  const other = 'For PostgreSQL, SQLite, SQL Server (T-SQL), Spark SQL or BigQuery, or another table, id column, a view or a function, write it with the command line:';
  const command = codeBlock('modelbench sql bundle.zip --dialect postgres --table sales.orders --id order_id --out model.sql', 'sh');
  if ('unavailable' in sql) return ['### SQL in your database', '', `This model has no model.sql: ${sql.unavailable}`, ''];
  return [
    '### SQL in your database',
    '',
    `\`model.sql\` reads a table named \`${sql.table}\` with the input columns listed in its header and returns the prediction and, for classifiers, one probability column per class. It agrees with scorer.mjs to about 1e-9.`,
    '',
    codeBlock(`-- In the DuckDB shell, with the rows to score in a table or view named ${sql.table}:\nCREATE VIEW ${sql.table} AS SELECT * FROM read_csv('rows.csv');\n.read model.sql`, 'sql'),
    '',
    other,
    '',
    command,
    '',
  ];
}
