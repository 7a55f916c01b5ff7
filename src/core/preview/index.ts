export { columnSummary, type ColumnSummary } from './columnSummary';
