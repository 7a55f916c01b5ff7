/**
 * The data layer: read CSV/TSV, JSON/NDJSON, Parquet and Arrow into typed columnar tables,
 * infer column types, and write tables back out.
 */
export * from './types';

// Reading
export { blobSource, memorySource, type ByteSource } from './byteSource';
export { recyclingBlobSource } from './recyclingBlobSource';
export type { ReadOptions } from './readOptions';
export type { ReadHooks, ReadProgress } from './readHooks';
export { DEFAULT_MISSING_TOKENS } from './missingTokens';
export { readTable, parseCsv, detectFormat } from './readTable';
export { streamTable, type StreamSummary } from './streamTable';

// Tables in use: cells, slices, transfer, Arrow, CSV out
export { cellText, cellValue, cellWords, datetimeWords, formatDatetime } from './cellText';
export { tableTransferables } from './tableTransferables';
export { canShare, isShared, shareTable, allocFloat64, allocInt32 } from './sharedColumns';
export { tableToArrowIPC, tableFromArrowIPC, columnFromValues } from './arrowIpc';
export { writeCsv, type WriteCsvOptions } from './writeCsv';

// Worker plumbing: a CSV load split across two threads, errors that survive postMessage
export { ingestService, parseFilePart, readyForPage, type PartWorker } from './ingestService';
export { readCsv, readCsvSync, finishCsv, type WholeParser } from './readCsv';
export { planCsv, type PlannedCsv } from './planCsv';
export { parseCsvPart, type CsvPart, type CsvPlan, type PartColumn, type PartRegion } from './csvPart';
export { mergeParts, joinRegions } from './mergeParts';
export { splitParser, partTransferables, SPLIT_MIN_BYTES, type RemotePartRunner } from './splitParser';
export { runAsync } from './readSteps';
export { toErrorPayload, fromErrorPayload, type ErrorPayload } from './errorPayload';
export { columnSummary, type ColumnSummary } from './columnSummary';
export { isIdentifierLike, type IdentifierEvidence } from './identifierLike';
export { dateKernel, familyOfPattern, type DateFamily, type DateKernel } from './parseDatetime';
export { flatRecord } from './flatRecord';
export { booleanWord, booleanWords, isBooleanPair } from './booleanWords';
