// Training in the built studio (headless Chromium), as a person would: open a file, set up Prepare with an uploaded
// recipe and a time split, then train one job after another from the Train stage's Model settings.
// Shared by the `train` and `trees` sections.

const INPUT_TIMEOUT_MS = 60_000;

/** The studio does not offer what a job asks for (a model kind not in the picker yet): a row says so, nothing broke. */
export class NotAvailable extends Error {}

/** Selects `value` in the select labelled `label` (exact), as a person would (a section may carry the same name). */
const choose = (scope, label, value) => scope.getByRole('combobox', { name: label, exact: true }).first().selectOption(value);

/**
 * Opens `file` in the studio and sets up Prepare: target, recipe file (`steps` steps, checked in the recipe's
 * heading), split by time on `date`, no cross-validation.
 */
async function openAndPrepare(page, { file, recipe, target, steps }, timeoutMs) {
  const input = page.getByLabel('Open dataset', { exact: true }).first();
  await input.waitFor({ state: 'attached', timeout: INPUT_TIMEOUT_MS });
  await input.setInputFiles(file);
  await page.waitForFunction(() => (window.__mbMetrics?.loads.length ?? 0) > 0, null, { timeout: timeoutMs });
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Prepare' }).click();
  await choose(page, 'Target column', target);
  await page.getByRole('combobox', { name: 'Split', exact: true }).first().waitFor({ timeout: timeoutMs });
  await page.getByLabel('Upload recipe file').setInputFiles(recipe);
  await page.getByText(`Recipe steps (${steps},`).waitFor({ timeout: INPUT_TIMEOUT_MS });
  await choose(page, 'Split', 'time');
  await choose(page, 'Time column', 'date');
  await choose(page, 'Cross-validation', '0');
  await page.getByRole('button', { name: 'Continue to Train' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: INPUT_TIMEOUT_MS });
}

/** Picks the model kind: by its value (`gbdt`) or, failing that, by its label; NotAvailable when the picker lacks it. */
async function pickKind(settings, { kind, kindLabel }) {
  const select = settings.getByRole('combobox', { name: 'Kind', exact: true }).first();
  const offered = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
  const match = offered.find((o) => o.value === kind) ?? offered.find((o) => kindLabel && o.label === kindLabel);
  if (!match) {
    throw new NotAvailable(`the Train stage's Kind picker offers no "${kindLabel ?? kind}" (it offers ${offered.map((o) => o.label).join(', ')})`);
  }
  await select.selectOption(match.value);
}

/** Sets a model option's input (found by its label in Model settings): a checkbox for booleans, else a value. */
async function setOption(settings, label, value) {
  let field = settings.getByLabel(label, { exact: true }).first();
  if (!(await field.count())) field = settings.getByLabel(label).first();
  if (!(await field.count())) throw new NotAvailable(`Model settings have no "${label}" field`);
  if (typeof value === 'boolean') {
    if (value) await field.check();
    else await field.uncheck();
    return;
  }
  if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(String(value));
  else await field.fill(String(value));
  await field.dispatchEvent('change');
}

/**
 * Fills the Model settings form and trains once; returns what the evaluation shows. A job is
 * `{ kind, kindLabel?, backend?, maxEpochs?, options?, metric? }`: `backend` (and the software-GPU checkbox) is left
 * as it is when not given, `options` maps option labels to values, `metric` is the evaluation row to read
 * (default 'ROC AUC'; the figure is returned as `value`, and as `rocAuc` for ROC AUC).
 */
async function trainOnce(page, job, timeoutMs) {
  const { kind, backend, maxEpochs, options = {}, metric = 'ROC AUC' } = job;
  const settings = page.locator('details', { has: page.locator('summary', { hasText: 'Model settings' }) });
  if (!(await settings.evaluate((d) => d.open))) await settings.locator('summary').click();
  await pickKind(settings, job);
  if (backend) {
    await choose(settings, 'Backend', backend);
    const allow = settings.getByLabel('allow a software GPU to win');
    if (backend === 'webgpu') await allow.check();
    else await allow.uncheck();
  }
  if (maxEpochs) await setOption(settings, 'Maximum epochs', maxEpochs);
  for (const [label, value] of Object.entries(options)) await setOption(settings, label, value);
  const live = page.getByTestId('training-live');
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await live.waitFor({ state: 'visible', timeout: INPUT_TIMEOUT_MS });
  // The live panel shows the epoch (for trees: the round) under way; remember the last one before it closes.
  let epochs = 0;
  const deadline = Date.now() + timeoutMs;
  while (await live.isVisible()) {
    const text = await live.textContent().catch(() => '');
    epochs = Math.max(epochs, Number(/(?:epoch|round|tree) ([\d,]+)/.exec(text ?? '')?.[1]?.replaceAll(',', '') ?? 0));
    const alert = page.getByRole('alert');
    if (await alert.count()) throw new Error(`the studio showed an error: "${(await alert.first().innerText()).trim()}"`);
    if (Date.now() > deadline) throw new Error(`training ${kind}${backend ? ` on ${backend}` : ''} took longer than ${timeoutMs / 1000} s`);
    await page.waitForTimeout(250);
  }
  const wallMs = performance.now() - t0;
  const latest = (await page.locator('table.runs tbody tr').first().innerText()).replace(/\s+/g, ' ');
  if (!/completed/.test(latest)) throw new Error(`the ${kind} run did not complete: "${latest}"`);
  const evaluation = page.getByTestId('evaluation');
  await evaluation.waitFor({ timeout: INPUT_TIMEOUT_MS });
  const text = await evaluation.innerText();
  const label = (await page.locator('table.runs tbody tr').first().locator('th').innerText()).trim();
  if (!text.includes(`Evaluation: ${label}`)) throw new Error(`the evaluation shown is not the latest run's (${label})`);
  const cells = await evaluation.getByRole('row', { name: new RegExp(`^${metric}`) }).first().locator('td').allInnerTexts();
  const number = (cell) => Number(String(cell ?? '').replaceAll(',', ''));
  return {
    kind,
    backend: backend ?? null,
    metric,
    value: number(cells[0]),
    baseline: number(cells[1]),
    ...(metric === 'ROC AUC' ? { rocAuc: number(cells[0]), baselineRocAuc: number(cells[1]) } : {}),
    trainMs: shownMs(/Training took ((?:\d+ min )?[\d,]+(?:\.\d+)? (?:ms|s))/.exec(text)?.[1]),
    shownBackend: /Backend: (\w+)/.exec(text)?.[1],
    threads: Number(/\((\d+) threads\)/.exec(text)?.[1] ?? 1),
    testRows: number(/Tested on ([\d,]+)/.exec(text)?.[1]),
    trainRows: number(/trained on ([\d,]+)/.exec(text)?.[1]),
    epochs,
    maxEpochs: maxEpochs ?? null,
    wallMs,
  };
}

/**
 * Drives the built studio in headless Chromium (WebGPU on SwiftShader exposed): opens `file`, prepares the task
 * (`recipe` with `steps` steps, `target`), then trains each job in turn (see `trainOnce`). A job that fails or is not
 * available comes back as `{ ...job, error }` or `{ ...job, unavailable }`, so the others still run.
 */
export async function measureStudioTraining({ root, file, recipe, target = 'delayed', steps = 4, jobs, timeoutMs, log }) {
  const [{ startServer }, { launchChromium }] = await Promise.all([import('../support/serve.mjs'), import('../support/browser.mjs')]);
  const server = await startServer({ root, port: 0 });
  const browser = await launchChromium({ webgpu: true });
  const consoleErrors = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(server.url);
    await openAndPrepare(page, { file, recipe, target, steps }, timeoutMs);
    const results = [];
    for (const job of jobs) {
      const name = `${job.kind}${job.backend ? `/${job.backend}` : ''}`;
      log(`  studio: training ${name}…`);
      try {
        const r = await trainOnce(page, job, timeoutMs);
        log(`  studio: ${name} ${r.metric} ${r.value}, ${r.epochs} epochs, training took ${r.trainMs} ms (${r.shownBackend})`);
        results.push({ ...job, ...r });
      } catch (error) {
        // One job failing (a lost software-GPU device, say) must not hide the figures of the others.
        const why = String(error.message ?? error).split('\n')[0];
        results.push({ ...job, ...(error instanceof NotAvailable ? { unavailable: why } : { error: why }) });
        if (!(error instanceof NotAvailable)) await page.getByRole('button', { name: 'Cancel' }).click({ timeout: 2000 }).catch(() => {});
      }
    }
    if (consoleErrors.length) log(`  studio console errors: ${consoleErrors.slice(0, 3).join(' | ')}`);
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** A duration as the studio prints it (formatMs: "840 ms", "25.03 s", "1 min 45 s") in milliseconds. */
function shownMs(words) {
  const m = /^(?:(\d+) min )?([\d.,]+) (ms|s)$/.exec(String(words ?? '').trim());
  if (!m) return NaN;
  const value = Number(m[2].replaceAll(',', ''));
  return Number(m[1] ?? 0) * 60_000 + (m[3] === 'ms' ? value : value * 1000);
}
