/**
 * A model version as one SQL query over the user's table: the fitted recipe's CTEs (recipeSql.ts),
 * the model's CTEs (modelSql.ts), then one SELECT of the id, the prediction and, for classifiers,
 * a probability per class. As a plain SELECT, a view, or a table function where the dialect has one.
 */
import type { FittedRecipe } from '../../recipe';
import { DeployError } from '../errors';
import { requiredInputs } from '../requiredInputs';
import type { PortableModel } from '../types';
import { sqlDialect, type SqlDialect, type SqlDialectName } from './dialect';
import { modelSql } from './modelSql';
import { recipeSql } from './recipeSql';
import { sqlHeader } from './sqlHeader';

export type SqlForm = 'select' | 'view' | 'function';

export const SQL_FORMS: readonly SqlForm[] = ['select', 'view', 'function'];

export interface CompileSqlInput {
  fitted: FittedRecipe;
  model: PortableModel;
  name: string;
  version: string | number;
  /** The bundle's manifest hash, written into the header when known. */
  manifestHash?: string;
}

export interface CompileSqlOptions {
  dialect: SqlDialectName;
  /** The table to score: `table` or `schema.table` (each part is quoted). Default `input`. */
  table?: string;
  /** A column of the table to carry into the output (a key to join predictions back on). */
  id?: string;
  /** Default `select`. `view` and `function` create a named object (see `objectName`). */
  form?: SqlForm;
  /** The view or function name; default the model name and version, e.g. `churn_model_v3`. */
  objectName?: string;
}

/** A table reference: each dot-separated part quoted (`sales.orders` → "sales"."orders"). */
function tableRef(d: SqlDialect, table: string): string {
  const parts = table.split('.');
  if (parts.some((p) => p.trim() === '')) throw new DeployError(`The name '${table}' has an empty part; write it as name or schema.name.`);
  return parts.map((p) => d.ident(p)).join('.');
}

/** `Churn model` v3 → `churn_model_v3`. */
function defaultObjectName(name: string, version: string | number): string {
  const slug = `${name}_v${version}`.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(slug) ? slug : `model_${slug}`;
}

const FUNCTIONLESS: Partial<Record<SqlDialectName, string>> = {
  sqlite: 'SQLite has no table functions written in SQL',
  spark: 'open-source Spark SQL has no table functions written in SQL',
};

/**
 * The SQL text. Throws DeployError for a recipe step SQL cannot express (a derive step), a
 * network above the size limit, a function form the dialect lacks, or an id that clashes with an output.
 */
export function compileSql(input: CompileSqlInput, options: CompileSqlOptions): string {
  const d = sqlDialect(options.dialect);
  const form = options.form ?? 'select';
  const table = options.table ?? 'input';
  if (form === 'function' && FUNCTIONLESS[d.name]) throw new DeployError(`${FUNCTIONLESS[d.name]}; use the view form (--form view) or the plain query.`);
  const objectName = options.objectName ?? defaultObjectName(input.name, input.version);
  // DuckDB's table macro takes the table's name as its argument, so one function scores any table.
  const macro = form === 'function' && d.name === 'duckdb';
  const from = macro ? 'query_table(input_table)' : tableRef(d, table);
  if (options.id !== undefined && options.id.trim() === '') {
    throw new DeployError('The id column name is empty; name a column of the table, or leave the id out.');
  }
  const recipe = recipeSql(input.fitted, d, { from, ...(options.id !== undefined ? { id: options.id } : {}) });
  const classes = input.fitted.task === 'regression' ? null : (input.fitted.classes ?? null);
  const model = modelSql(input.model, recipe.features, d, { classes, task: input.fitted.task, source: recipe.from, carry: recipe.id ? [recipe.id] : [] });
  const outputs = model.outputs.map((o) => o.name);
  if (options.id !== undefined && outputs.includes(options.id)) {
    throw new DeployError(`The id column '${options.id}' has the name of an output column; rename it in the table (or a view over it) before scoring.`);
  }
  // A PostgreSQL function must name its column types; the id's is not known here, so it returns as text.
  const idExpr = recipe.id && form === 'function' && d.name === 'postgres' ? `CAST(${recipe.id} AS TEXT)` : recipe.id;
  const items = [
    ...(idExpr ? [`${idExpr} AS ${d.ident(options.id as string)}`] : []),
    ...model.outputs.map((o) => `${o.expression} AS ${d.ident(o.name)}`),
  ];
  // Not re-indented: a line break inside a quoted name or a category must stay exactly as it is.
  const ctes = [...recipe.ctes, ...model.ctes].map((c) => `${c.name} AS (\n${c.select}\n)`);
  const query = `WITH\n${ctes.join(',\n')}\nSELECT\n  ${items.join(',\n  ')}\nFROM ${model.from}`;
  const header = sqlHeader(d, {
    name: input.name,
    version: input.version,
    ...(input.manifestHash ? { manifestHash: input.manifestHash } : {}),
    target: input.fitted.target,
    table: macro ? 'passed to the function by name' : tableRef(d, table),
    ...(options.id !== undefined ? { id: options.id } : {}),
    inputs: requiredInputs(input.fitted),
    outputs: options.id !== undefined ? [options.id, ...outputs] : outputs,
    classes,
  });
  return `${header}\n${wrap(d, form, tableRef(d, objectName), query, { id: options.id, outputs, regression: classes === null })}\n`;
}

function wrap(d: SqlDialect, form: SqlForm, object: string, query: string, shape: { id: string | undefined; outputs: string[]; regression: boolean }): string {
  if (form === 'select') return `${query};`;
  if (form === 'view') {
    const create = d.name === 'sqlite' ? 'CREATE VIEW' : d.name === 'tsql' ? 'CREATE OR ALTER VIEW' : 'CREATE OR REPLACE VIEW';
    return `${create} ${object} AS\n${query};`;
  }
  switch (d.name) {
    case 'duckdb':
      return `-- Use: SELECT * FROM ${object}('your_table');\nCREATE OR REPLACE MACRO ${object}(input_table) AS TABLE\n${query};`;
    case 'postgres': {
      const columns = [
        ...(shape.id !== undefined ? [`${d.ident(shape.id)} TEXT`] : []),
        ...shape.outputs.map((o, i) => `${d.ident(o)} ${i === 0 && !shape.regression ? 'TEXT' : 'DOUBLE PRECISION'}`),
      ];
      // The body is dollar-quoted with a tag that no category or name inside it contains.
      let tag = '$mb$';
      for (let i = 1; query.includes(tag); i++) tag = `$mb${i}$`;
      return `-- Use: SELECT * FROM ${object}();\nCREATE OR REPLACE FUNCTION ${object}()\nRETURNS TABLE (${columns.join(', ')})\nLANGUAGE sql STABLE AS ${tag}\n${query};\n${tag};`;
    }
    case 'tsql':
      return `-- Use: SELECT * FROM ${object}();\nCREATE OR ALTER FUNCTION ${object}()\nRETURNS TABLE\nAS RETURN\n${query};`;
    case 'bigquery':
      return `-- Use: SELECT * FROM ${object}();\nCREATE OR REPLACE TABLE FUNCTION ${object}() AS\n${query};`;
    default:
      throw new DeployError(`${d.name} has no function form; use the view form.`);
  }
}
