import type { SqlDialectName, SqlForm } from '../core/deploy';
import { download, scorerSpec, type DeployState } from './deploy.svelte';
import { isAbort, toUserError, type UserError } from './errors';
import type { ModelSource } from './modelSource';

/** The dialects offered in the Deploy stage, in words. */
export const DIALECT_WORDS: Record<SqlDialectName, string> = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  sqlite: 'SQLite',
  tsql: 'SQL Server (T-SQL)',
  spark: 'Spark SQL',
  bigquery: 'BigQuery',
};

/** Dialects whose SQL the test suite runs on the real engine; the others are generated and checked against reviewed files. */
export const EXECUTED_DIALECTS: readonly SqlDialectName[] = ['duckdb', 'postgres', 'sqlite'];

/** The first `limit` lines of `text` for the preview (a large ensemble runs to megabytes), and how many are left out. */
export function previewOf(text: string, limit = 400): { shown: string; hidden: number } {
  const lines = text.split('\n');
  return lines.length <= limit ? { shown: text, hidden: 0 } : { shown: lines.slice(0, limit).join('\n'), hidden: lines.length - limit };
}

export const FORM_WORDS: Record<SqlForm, string> = { select: 'A query', view: 'A view', function: 'A table function' };

/**
 * The SQL panel of Deploy: the choices, and the generated text. The SQL is written in the score
 * worker, where the bundle is written, so a large ensemble never holds up the page.
 */
export class SqlExportState {
  dialect = $state<SqlDialectName>('duckdb');
  table = $state('input');
  id = $state('');
  form = $state<SqlForm>('select');
  text = $state<string | null>(null);
  /** What the text was written for, so a changed choice shows it is stale. */
  writtenFor = $state<string | null>(null);
  busy = $state(false);
  error = $state<UserError | null>(null);
  notice = $state<string | null>(null);

  key(model: ModelSource): string {
    return JSON.stringify([model.id, this.dialect, this.table, this.id, this.form]);
  }

  async generate(deploy: DeployState, model: ModelSource) {
    this.busy = true;
    this.error = null;
    this.notice = null;
    const key = this.key(model);
    const options = { dialect: this.dialect, form: this.form, ...(this.table.trim() ? { table: this.table.trim() } : {}), ...(this.id.trim() ? { id: this.id.trim() } : {}) };
    try {
      const spec = scorerSpec(model);
      this.text = await deploy.bridge.run([spec], (api) => api.sql(spec.input, options));
      this.writtenFor = key;
    } catch (e) {
      this.text = null;
      if (!isAbort(e)) this.error = toUserError('The SQL could not be written', e);
    } finally {
      this.busy = false;
    }
  }

  async copy() {
    if (this.text === null) return;
    await navigator.clipboard.writeText(this.text);
    this.notice = 'Copied the SQL.';
  }

  save(model: ModelSource) {
    if (this.text === null) return;
    const name = `${model.name}-v${model.version}-${this.dialect}.sql`;
    download(this.text, name, 'application/sql');
    this.notice = `Saved ${name}.`;
  }
}
