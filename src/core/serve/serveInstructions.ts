import type { InputColumn } from '../recipe';
import { formatDatetime, isNumeric, type Table } from '../table';

/** How to run a bundle's server, as the Deploy stage shows it: every command ready to paste. */
export interface ServeInstructions {
  /** The bundle's file name, as the studio saves it. */
  zip: string;
  /** `npx modelbench serve …` (with the studio's CLI installed). */
  cli: string;
  /** Unzip and run the bundle's own serve.mjs with nothing but Node. */
  node: string;
  /** A scoring request with one row, as curl sends it. */
  curl: string;
  /** Build the bundle's image and run it. */
  docker: string;
  /** Measure the running server with rows of a data file (`modelbench loadtest`). */
  loadtest: string;
  /** Where the example row came from: the open dataset, or typical values the recipe learned. */
  rowSource: 'data' | 'typical';
}

/**
 * Row `r` of `table` as a request sends it: numbers, text, booleans as true/false, dates as ISO 8601
 * text (which every date column accepts, whatever text format training saw), missing as null.
 * Null when the table lacks one of the inputs.
 */
export function requestRow(table: Table, inputs: readonly InputColumn[], r = 0): Record<string, unknown> | null {
  const row: Record<string, unknown> = {};
  for (const input of inputs) {
    const column = table.columns.find((c) => c.name === input.name);
    if (!column || r >= table.rowCount) return null;
    if (isNumeric(column)) {
      const v = column.values[r];
      row[input.name] = v !== v ? null : input.type === 'boolean' ? v === 1 : input.type === 'datetime' ? formatDatetime(v) : v;
    } else row[input.name] = column.codes[r] < 0 ? null : column.dictionary[column.codes[r]];
  }
  return row;
}

/** `text` quoted for a POSIX shell. */
const shell = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The commands that serve a model version: with the CLI, with plain Node from the unzipped bundle,
 * in Docker, a curl request scoring `row` (MLflow's `dataframe_split`, as pandas writes it), and
 * a load test of the running server with the rows of `rowsFile`.
 */
export function serveInstructions(model: { name: string; version: string | number }, row: Record<string, unknown>, rowSource: ServeInstructions['rowSource'], port = 8080, rowsFile = 'rows.csv'): ServeInstructions {
  const zip = `${model.name}-v${model.version}.zip`;
  const folder = zip.replace(/\.zip$/, '');
  const image = `${String(model.name).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'model'}:${String(model.version).replace(/[^A-Za-z0-9_.-]/g, '-')}`;
  const body = JSON.stringify({ dataframe_split: { columns: Object.keys(row), data: [Object.values(row)] } });
  return {
    zip,
    cli: `npx modelbench serve ${shell(zip)} --port ${port}`,
    node: `unzip ${shell(zip)} -d ${shell(folder)} && cd ${shell(folder)} && node serve.mjs --port ${port}`,
    curl: `curl -s http://127.0.0.1:${port}/invocations -H 'Content-Type: application/json' -d ${shell(body)}`,
    docker: `cd ${shell(folder)} && docker build -t ${image} . && docker run --init -p ${port}:8080 ${image}`,
    loadtest: `npx modelbench loadtest http://127.0.0.1:${port} --rows ${shell(rowsFile)} --connections 16 --seconds 10`,
    rowSource,
  };
}

/** How to serve an A/B bundle as the A/B panel shows it: the command, a routed request, a weight change. */
export interface AbServeInstructions {
  zip: string;
  /** `npx modelbench serve ab-bundle.zip` with an admin token made on the spot and the decision log named. */
  cli: string;
  /** The same with the bundle's own serve.mjs and nothing but Node. */
  node: string;
  /** The bundle's image, with the decision log kept in a folder outside the container. */
  docker: string;
  /** A scoring request carrying the unit id the split hashes. */
  curl: string;
  /** POST /admin/weights with the bundle's weights, to edit and send without a restart. */
  weights: string;
  rowSource: ServeInstructions['rowSource'];
}

/** The commands that serve an A/B bundle of `variants` (the first is the champion, whose inputs `row` holds). */
export function abServeInstructions(variants: readonly { name: string; weight: number }[], row: Record<string, unknown>, rowSource: ServeInstructions['rowSource'], port = 8080): AbServeInstructions {
  const zip = 'ab-bundle.zip';
  const body = JSON.stringify({ dataframe_split: { columns: Object.keys(row), data: [Object.values(row)] } });
  const weights = JSON.stringify({ weights: Object.fromEntries(variants.map((v) => [v.name, v.weight])) });
  const folder = zip.replace(/\.zip$/, '');
  const token = `TOKEN=$(node -p 'crypto.randomUUID()')`;
  return {
    zip,
    cli: `${token} && npx modelbench serve ${shell(zip)} --port ${port} --admin-token "$TOKEN" --decision-log decisions.ndjson`,
    node: `${token} && unzip ${shell(zip)} -d ${shell(folder)} && cd ${shell(folder)} && node serve.mjs --port ${port} --admin-token "$TOKEN" --decision-log decisions.ndjson`,
    docker:
      `${token} && cd ${shell(folder)} && mkdir -p logs && chmod a+w logs && docker build -t ab-test . && ` +
      `docker run --init -p ${port}:8080 -v "$PWD/logs:/app/logs" ab-test --admin-token "$TOKEN" --decision-log logs/decisions.ndjson`,
    curl: `curl -s http://127.0.0.1:${port}/invocations -H 'Content-Type: application/json' -H 'X-Unit-Id: user-1' -d ${shell(body)}`,
    weights: `curl -s http://127.0.0.1:${port}/admin/weights -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d ${shell(weights)}`,
    rowSource,
  };
}
