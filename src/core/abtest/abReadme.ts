import type { RouterConfig } from './routerConfig';

const percent = (share: number) => `${(100 * share).toFixed(share * 100 < 1 ? 2 : 1).replace(/\.0+$/, '')} %`;

/** README.md of an A/B bundle: the traffic split, how routing and shadow mode work, the hooks and the log. */
export function abReadme(config: RouterConfig): string {
  const shares = new Map<string, number>();
  for (const r of config.ranges) shares.set(r.variant, (shares.get(r.variant) ?? 0) + (r.end - r.start));
  // The named form keeps the analysis from pairing weights with variants by row order.
  const ordered = [config.champion, ...config.variants.filter((v) => v !== config.champion)];
  const weightFlag = ordered.map((v) => `${v}=${Number((100 * (shares.get(v) ?? 0)).toFixed(2))}`).join(',');
  const rows = config.variants.map((v) => `| ${v}${v === config.champion ? ' (champion)' : ''} | ${percent(shares.get(v) ?? 0)} | \`variants/${v}/scorer.mjs\` |`);
  return [
    '# A/B bundle',
    '',
    `Written by Modelbench. ${config.variants.length} model variants behind one router; ${config.shadow ? '**shadow mode is on**: every request gets the champion\'s answer' : 'each request is answered by the variant its unit is assigned to'}.`,
    '',
    '| Variant | Traffic | Scorer |',
    '|---|---|---|',
    ...rows,
    '',
    '## Serving',
    '',
    '`node serve.mjs --port 8080 --admin-token TOKEN --decision-log decisions.ndjson` (Node 20+, nothing to install) runs the whole test as an HTTP scoring server: MLflow\'s `POST /invocations` and the Open Inference Protocol, with each request routed by the unit id in its `X-Unit-Id` header (or a body field with `--unit-field NAME`), every decision written to the NDJSON log (rotated by size, flushed on SIGTERM), and `POST /admin/weights` (with `Authorization: Bearer TOKEN`) changing the split without a restart. The `Dockerfile` runs the same server in a container; `modelbench serve` this zip does too.',
    '',
    '## Routing',
    '',
    `\`router.mjs\` hashes each unit id (a user, account or session: whatever your experiment randomises) with MurmurHash3 (32-bit) of \`salt + "\\u0000" + unitId\`, divides by 2³², and looks the position up in the traffic slices of \`CONFIG.ranges\`. The same unit always gets the same variant, on any machine, with no state. The salt is \`${config.salt}\`; a new salt re-randomises every unit, which starts a new experiment.`,
    '',
    '```js',
    "import { createRouter, createLogWriter } from './router.mjs';",
    '',
    "const log = await createLogWriter('decisions.csv', 'csv'); // Node only; 'ndjson' also works",
    'const router = createRouter({ onDecision: log.write });',
    "const { variant, prediction } = await router.predict('user-123', [row]);",
    '// …',
    'await router.idle(); // wait for shadow scorers before shutting down',
    'await log.close();',
    '```',
    '',
    '`assign(unitId)` returns the variant without scoring, for when you only need the split.',
    '',
    '## Shadow mode',
    '',
    `Shadow mode is ${config.shadow ? 'on' : 'off'} in this bundle. When it is on, every request is answered by the champion (\`${config.champion}\`) and the other variants score the same rows in the background; their answers are logged with \`shadow: true\` but never returned. Use it to check a challenger on live traffic before it serves anyone. \`onShadowError(error, variant, unitId)\` hears a failing shadow scorer; the request itself is not affected.`,
    '',
    '## onDecision and the decision log',
    '',
    '`onDecision({ unitId, variant, prediction, timestamp, shadow })` runs once per scorer answer (in shadow mode once per variant). `createLogWriter(path, format)` is an append-only writer for it: CSV with the header `unitId,variant,prediction,timestamp,shadow`, or NDJSON. Keep the log, join it with the outcome you care about (a conversion flag or a value per unit id), and load the joined CSV (`unitId`, `variant` and the outcome column) into Modelbench\'s Deploy → A/B analysis, or run',
    '',
    '```sh',
    `modelbench ab-analyze joined.csv --weights ${weightFlag} --outcome converted`,
    '```',
    '',
    '`--weights` names each variant\'s planned share (the first named is the control, so put the champion first). `--outcome` names the outcome column (here `converted`; without it, `conversion` or `value`): a 0/1 or true/false column is compared as a rate, any other as a mean (`--metric conversion|value` forces either).',
    '',
    'Drop shadow rows before the join when you analyse a live split: in shadow mode every unit saw the champion.',
    '',
    '## Files',
    '',
    '- `router.mjs`: the router (no dependencies; Node 18+ or a browser).',
    '- `router.json`: the same configuration as data.',
    '- `serve.mjs` and `Dockerfile`: the A/B scoring server (see Serving).',
    '- `variants/<name>/`: each model\'s complete bundle (scorer.mjs, preprocess.json, model card, manifest.json with SHA-256 of every file).',
    '',
  ].join('\n');
}
