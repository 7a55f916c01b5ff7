/**
 * The model and its fitted recipe as one SQL query: `compileSql` writes it for a dialect
 * (executed in tests on DuckDB, PostgreSQL and SQLite; generated for T-SQL, Spark SQL and BigQuery).
 */
export { sqlDialect, SQL_DIALECTS, type SqlDialect, type SqlDialectName } from './dialect';
export { compileSql, SQL_FORMS, type SqlForm, type CompileSqlInput, type CompileSqlOptions } from './compileSql';
export { bundleSqlFiles } from './bundleSql';
export { sqlCardFiles, sqlCardSection, type CardSql } from './cardSql';
