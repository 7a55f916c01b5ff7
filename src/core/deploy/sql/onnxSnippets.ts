/**
 * Ready SQL for the engines that score ONNX themselves, using the bundle's model.onnx: Azure
 * Synapse dedicated SQL pools (`PREDICT … RUNTIME = ONNX`) and BigQuery (ONNX model import).
 * Both feed graph inputs by column name, so each snippet renames the table's columns to the
 * graph's input names (`onnxInputNames`) and casts them to the tensor types the graph declares.
 */
import type { FittedRecipe } from '../../recipe';
import { isStringType } from '../coerceCell';
import { onnxInputNames } from '../onnx/inputNames';
import { requiredInputs } from '../requiredInputs';
import { sqlDialect } from './dialect';
import { commentText } from './sqlHeader';

function columns(fitted: FittedRecipe, dialect: 'tsql' | 'bigquery'): string[] {
  const d = sqlDialect(dialect);
  const inputs = requiredInputs(fitted);
  const names = onnxInputNames(inputs);
  const types = dialect === 'tsql' ? { text: 'NVARCHAR(MAX)', date: 'FLOAT', num: 'REAL' } : { text: 'STRING', date: 'FLOAT64', num: 'FLOAT64' };
  return inputs.map((c, i) => {
    const col = d.ident(c.name);
    const value = isStringType(c.type) ? `COALESCE(CAST(${col} AS ${types.text}), ${d.str('')})` : c.type === 'datetime' ? d.epochMs(col) : `CAST(${col} AS ${types.num})`;
    return `${value} AS ${d.ident(names[i])}`;
  });
}

function outputs(fitted: FittedRecipe): string {
  if (fitted.task === 'regression') return '[value] REAL';
  return `[label] NVARCHAR(400), [label_index] BIGINT`;
}

/** Synapse dedicated SQL pool: the model stored as VARBINARY(MAX), scored with PREDICT. */
export function synapsePredict(fitted: FittedRecipe, id: { name: string; version: string | number }): string {
  const d = sqlDialect('tsql');
  const modelId = d.str(`${id.name} v${id.version}`);
  return [
    `-- ${commentText(`Score ${id.name} v${id.version} inside an Azure Synapse dedicated SQL pool with the bundle's model.onnx.`)}`,
    '-- 1. A table for models; load model.onnx into it as hex (e.g. COPY INTO from a file written by `xxd -p model.onnx | tr -d "\\n"`).',
    'CREATE TABLE [dbo].[models] ([id] NVARCHAR(200) NOT NULL, [model] VARBINARY(MAX) NOT NULL)',
    'WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);',
    '-- 2. Score: the inputs are renamed to the graph\'s input names and cast to its tensor types.',
    '--    Replace [dbo].[input] with your table.',
    'SELECT p.*',
    'FROM PREDICT(',
    `  MODEL = (SELECT [model] FROM [dbo].[models] WHERE [id] = ${modelId}),`,
    `  DATA = (SELECT\n    ${columns(fitted, 'tsql').join(',\n    ')}\n  FROM [dbo].[input]) AS d,`,
    '  RUNTIME = ONNX',
    `) WITH (${outputs(fitted)}) AS p;`,
    '',
  ].join('\n');
}

/** BigQuery: import model.onnx from Cloud Storage as a model, then ML.PREDICT over the renamed columns. */
export function bigqueryOnnx(fitted: FittedRecipe, id: { name: string; version: string | number }): string {
  const d = sqlDialect('bigquery');
  return [
    `-- ${commentText(`Score ${id.name} v${id.version} inside BigQuery with the bundle's model.onnx.`)}`,
    '-- 1. Copy model.onnx to Cloud Storage, then import it (replace the dataset, model name and bucket).',
    'CREATE OR REPLACE MODEL `your_dataset.modelbench_model`',
    `  OPTIONS (MODEL_TYPE = 'ONNX', MODEL_PATH = ${d.str('gs://your-bucket/model.onnx')});`,
    '-- 2. Score: the inputs are renamed to the graph\'s input names and cast to its tensor types.',
    'SELECT *',
    'FROM ML.PREDICT(MODEL `your_dataset.modelbench_model`, (',
    `  SELECT\n    ${columns(fitted, 'bigquery').join(',\n    ')}\n  FROM \`your_dataset.input\``,
    '));',
    '',
  ].join('\n');
}
