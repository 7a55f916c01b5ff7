/**
 * Shapes of the scoring server. src/core is pure TypeScript without Node's types, so the few parts
 * of Node's `http` module the server touches are described here structurally; the CLI and serve.mjs
 * pass the real module in.
 */
import type { InputColumn, Task } from '../recipe';
import type { DriftColumn, RowPrediction } from '../deploy';

/** What the server reads of a request (node:http IncomingMessage). */
export interface HttpRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(): unknown;
}

/** What the server writes (node:http ServerResponse). */
export interface HttpResponse {
  headersSent: boolean;
  writableEnded: boolean;
  setHeader(name: string, value: string | number): unknown;
  /** `headers` as a flat list: name, value, name, value… */
  writeHead(status: number, headers: string[]): unknown;
  end(body?: string): unknown;
  on(event: 'finish' | 'close', listener: () => void): unknown;
}

/** A socket as seen on `clientError`. */
export interface HttpSocket {
  writable: boolean;
  end(data?: string): unknown;
  destroy(): unknown;
}

export interface HttpServer {
  listen(port: number, host: string, callback: () => void): unknown;
  close(callback?: (error?: Error) => void): unknown;
  closeIdleConnections(): void;
  address(): { port: number; address: string } | string | null;
  on(event: 'clientError', listener: (error: Error & { code?: string }, socket: HttpSocket) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of node:http the server uses. */
export interface HttpModule {
  createServer(
    options: { headersTimeout: number; requestTimeout: number; keepAliveTimeout: number; connectionsCheckingInterval: number },
    handler: (req: HttpRequest, res: HttpResponse) => void,
  ): HttpServer;
}

/** The bundle's scorer.mjs module. */
export interface BundleScorer {
  predict(rows: unknown[]): RowPrediction[];
  /** Rows as cell lists in `columns` order (scorer.mjs from this version on). */
  predictColumns?(columns: string[], rows: unknown[][]): RowPrediction[];
  /** Rows of numbers, row after row in `columns` order, NaN for missing (scorer.mjs from this version on). */
  predictNumbers?(columns: string[], values: Float64Array, n: number): RowPrediction[];
  meta: { task: Task; target: string; classes: string[] | null; inputs: InputColumn[]; model: string; version: string | number };
}

/** An input column as /metadata describes it and as requests are checked against. */
export interface ServedColumn {
  name: string;
  type: InputColumn['type'];
  /** Datetime columns read from text: the pattern training saw. */
  format?: string;
  /** Categorical columns: the categories training encoded. */
  categories?: string[];
  /** False when a value outside `categories` cannot be encoded (no "other" slot), so it is refused. */
  openCategories?: boolean;
}

/** One loaded model: its scorer plus what the bundle says about it. */
export interface ServedModel {
  name: string;
  version: string | number;
  task: Task;
  target: string;
  classes: string[] | null;
  columns: ServedColumn[];
  /** manifest.json's file hashes (path → SHA-256). */
  hashes: Record<string, string>;
  /** The training profile of the inputs, for drift (drift.json), or null when the bundle has none. */
  drift: { columns: DriftColumn[] } | null;
  scorer: BundleScorer;
}

/** Server settings, from flags; every field has a default in `parseServeArgs`. */
export interface ServeOptions {
  port: number;
  host: string;
  /** Largest request body in bytes (default 10 MB). */
  maxBodyBytes: number;
  /** Most rows in one request (default 100,000). */
  maxRows: number;
  /** `request`: any bad row refuses the request (400); `row`: bad rows get `{ error }` in place. */
  onError: 'request' | 'row';
  /** Milliseconds to receive a request's headers, and then its body (defaults 10 s and 30 s). */
  headerTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Most rows scored together when concurrent requests are coalesced (default 256). */
  batchRows: number;
  /** Rows kept for the drift figures on /metrics (default 1,000). */
  driftWindow: number;
  /** No access log lines on stdout. */
  quiet: boolean;
  /** Server processes sharing the port (node:cluster); 1 serves from this process. */
  workers: number;
  /** A/B: header carrying the unit id (default x-unit-id), or a body field when `unitField` is set. */
  unitHeader: string;
  unitField: string | null;
  /** A/B: bearer token for POST /admin/weights; null disables the endpoint. */
  adminToken: string | null;
  /** A/B: decision log path (NDJSON) and the size at which it rotates. */
  decisionLog: string | null;
  decisionLogMaxBytes: number;
}

/** A handler's answer, before it is written to the socket. */
export interface Reply {
  status: number;
  body: string;
  contentType?: string;
  /** Rows scored, for the access log. */
  rows?: number;
  variant?: string;
}
