/** "Serve this model": the commands, and a curl request whose row the real server scores as the bundle's scorer does. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { abServeGuide, coerceCell, serveGuide, type BundleInput } from '../../../../src/core/deploy';
import { requestRow } from '../../../../src/core/serve';
import { parseCsv } from '../../../../src/core/table';
import { post, penguinBundle, startServer, type Served } from '../serve/serveFixture';
import { penguins } from './trainTiny';

let served: Served;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  served = await penguinBundle();
  server = await startServer(served);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await served?.cleanup();
});

const fitted = () => JSON.parse(new TextDecoder().decode(served.bundle.files['preprocess.json'])) as BundleInput['fitted'];
/** The JSON body of the curl command, unquoted as a shell would. */
const bodyOf = (curl: string) => curl.match(/-d '(.*)'$/)![1].replace(/'\\''/g, "'");

test('with the open dataset: the commands name the bundle, and the curl row is the first row, which the server scores', async () => {
  const guide = serveGuide({ name: 'penguins', version: 2, fitted: fitted() }, penguins());
  expect(guide.zip).toBe('penguins-v2.zip');
  expect(guide.cli).toBe("npx modelbench serve 'penguins-v2.zip' --port 8080");
  expect(guide.node).toBe("unzip 'penguins-v2.zip' -d 'penguins-v2' && cd 'penguins-v2' && node serve.mjs --port 8080");
  expect(guide.docker).toBe("cd 'penguins-v2' && docker build -t penguins:2 . && docker run --init -p 8080:8080 penguins:2");
  expect(guide.rowSource).toBe('data');
  expect(guide.loadtest).toBe(`npx modelbench loadtest http://127.0.0.1:8080 --rows '${penguins().name}' --connections 16 --seconds 10`);
  const body = bodyOf(guide.curl);
  const split = JSON.parse(body).dataframe_split;
  const row = Object.fromEntries(split.columns.map((c: string, i: number) => [c, split.data[0][i]]));
  expect(row).toEqual(served.rows[0]);
  const res = await post(`${server.url}/invocations`, body);
  expect(res.status).toBe(200);
  expect(res.json.predictions).toEqual(served.scorer.predict([served.rows[0]]));
});

test("without data, a row of typical values the server accepts; quotes in names survive the shell", async () => {
  const guide = serveGuide({ name: "Kim's model", version: 'a b', fitted: fitted() }, null);
  expect(guide.rowSource).toBe('typical');
  expect(guide.cli).toBe(`npx modelbench serve 'Kim'\\''s model-va b.zip' --port 8080`);
  expect(guide.docker).toContain('docker build -t kim-s-model:a-b .');
  expect(guide.loadtest).toContain("--rows 'rows.csv'");
  const res = await post(`${server.url}/invocations`, bodyOf(guide.curl));
  expect(res.status).toBe(200);
  expect(res.json.predictions[0].label).toEqual(expect.any(String));
});

test('an A/B bundle: the command makes an admin token and names the decision log; the row carries a unit id; the weights body lists every variant', async () => {
  const variants = [{ name: 'penguins-v2', weight: 90 }, { name: "Kim's-v3", weight: 10 }];
  const guide = abServeGuide({ fitted: fitted() }, variants, penguins());
  expect(guide.zip).toBe('ab-bundle.zip');
  expect(guide.cli).toBe(`TOKEN=$(node -p 'crypto.randomUUID()') && npx modelbench serve 'ab-bundle.zip' --port 8080 --admin-token "$TOKEN" --decision-log decisions.ndjson`);
  expect(guide.node).toBe(`TOKEN=$(node -p 'crypto.randomUUID()') && unzip 'ab-bundle.zip' -d 'ab-bundle' && cd 'ab-bundle' && node serve.mjs --port 8080 --admin-token "$TOKEN" --decision-log decisions.ndjson`);
  expect(guide.docker).toContain(`docker run --init -p 8080:8080 -v "$PWD/logs:/app/logs" ab-test --admin-token "$TOKEN" --decision-log logs/decisions.ndjson`);
  expect(guide.curl).toContain("-H 'X-Unit-Id: user-1'");
  expect(guide.weights).toContain('-H "Authorization: Bearer $TOKEN"');
  expect(JSON.parse(bodyOf(guide.weights))).toEqual({ weights: { 'penguins-v2': 90, "Kim's-v3": 10 } });
  expect(guide.rowSource).toBe('data');
  const res = await post(`${server.url}/invocations`, bodyOf(guide.curl));
  expect(res.status).toBe(200);
  expect(res.json.predictions).toEqual(served.scorer.predict([served.rows[0]]));
});

test('a date in the curl row is ISO 8601 text, which a model trained on month-first dates reads as the same day', () => {
  const table = parseCsv('at,n\n5/1/2024,1\n12/31/2023 18:30,2\n').table;
  const inputs = [{ name: 'at', type: 'datetime' as const, format: 'MM/DD/YYYY' }, { name: 'n', type: 'integer' as const }];
  expect(requestRow(table, inputs, 0)).toEqual({ at: '2024-05-01', n: 1 });
  expect(requestRow(table, inputs, 1)).toEqual({ at: '2023-12-31T18:30Z', n: 2 });
  expect(coerceCell('2024-05-01', 'at', 'datetime', 'MM/DD/YYYY')).toEqual({ ok: true, value: Date.UTC(2024, 4, 1) });
  expect(coerceCell('2023-12-31T18:30Z', 'at', 'datetime', 'MM/DD/YYYY')).toEqual({ ok: true, value: Date.UTC(2023, 11, 31, 18, 30) });
  expect(coerceCell('31.12.2023', 'at', 'datetime', 'MM/DD/YYYY')).toMatchObject({ ok: false });
});
