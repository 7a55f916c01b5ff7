import { describe, expect, test } from 'vitest';
import { compileSql, portableOf, SQL_DIALECTS, type CompileSqlOptions } from '../../../src/core/deploy';
import type { DeployState } from '../../../src/state/deploy.svelte';
import type { ModelSource } from '../../../src/state/modelSource';
import { DIALECT_WORDS, previewOf, SqlExportState } from '../../../src/state/sqlExport.svelte';
import { treesCase } from '../core/deploy/randomTrees';

/** A DeployState whose score worker runs `sql` in this thread. */
function fakeDeploy(): DeployState {
  const api = {
    sql: async (input: Pick<ModelSource, 'name' | 'version' | 'fitted' | 'model'>, options: CompileSqlOptions) =>
      compileSql({ fitted: input.fitted, model: portableOf(input), name: input.name, version: input.version }, options),
  };
  return { bridge: { run: (_specs: unknown, job: (a: typeof api) => Promise<string>) => job(api) } } as unknown as DeployState;
}

describe('the Deploy stage’s SQL panel', () => {
  const { fitted, ensemble } = treesCase('binary-gbdt', { trees: 4, depth: 2 });
  const model = { id: 'm1', name: 'churn', version: 3, fitted, model: { kind: 'trees', ensemble } } as unknown as ModelSource;

  test('writes the SQL for the chosen engine, table and id, and marks it stale when a choice changes', async () => {
    const sql = new SqlExportState();
    sql.dialect = 'postgres';
    sql.table = ' sales.orders ';
    sql.id = 'order_id';
    await sql.generate(fakeDeploy(), model);
    expect(sql.error).toBeNull();
    expect(sql.text).toBe(compileSql({ fitted, model: portableOf({ fitted, model: { kind: 'trees', ensemble } }), name: 'churn', version: 3 }, { dialect: 'postgres', table: 'sales.orders', id: 'order_id', form: 'select' }));
    expect(sql.writtenFor).toBe(sql.key(model));
    sql.dialect = 'sqlite';
    expect(sql.writtenFor).not.toBe(sql.key(model));
  });

  test('a form the engine lacks becomes an error a person can act on', async () => {
    const sql = new SqlExportState();
    sql.dialect = 'spark';
    sql.form = 'function';
    await sql.generate(fakeDeploy(), model);
    expect(sql.text).toBeNull();
    expect(sql.error).toEqual({ title: 'The SQL could not be written', message: expect.stringMatching(/Spark SQL has no table functions.*view form/) });
  });

  test('every engine has a name in words; a long text is previewed by its first lines', () => {
    expect(SQL_DIALECTS.map((d) => DIALECT_WORDS[d])).toEqual(['DuckDB', 'PostgreSQL', 'SQLite', 'SQL Server (T-SQL)', 'Spark SQL', 'BigQuery']);
    const text = Array.from({ length: 450 }, (_, i) => `line ${i}`).join('\n');
    expect(previewOf(text)).toEqual({ shown: text.split('\n').slice(0, 400).join('\n'), hidden: 50 });
    expect(previewOf('a\nb')).toEqual({ shown: 'a\nb', hidden: 0 });
  });
});
