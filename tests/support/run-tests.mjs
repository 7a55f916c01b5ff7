#!/usr/bin/env node
/**
 * `npm test`: sets itself up, then runs the type check, the import-boundary check (dependency-cruiser),
 * the unit tests (vitest) and the end-to-end
 * journeys (Playwright in headless Chromium), and ends with one line: `N passed, N failed[, N skipped]`.
 * Set-up: installs dependencies when node_modules is missing, and finds Chromium (CHROMIUM_PATH,
 * /usr/bin/chromium, or Playwright's); when there is none it installs Debian's package if it can,
 * or prints the exact command to run.
 * The type checks, the import-boundary check and the app build are single-threaded tools, so they
 * run two at a time (one per core of a 2-core CI machine); each one's output is printed whole when
 * it ends, so their logs do not interleave.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './browser.mjs';

const root = new URL('../..', import.meta.url).pathname;
const outDir = join(root, 'test-results');
mkdirSync(outDir, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit` or `npm test -- e2e`
const wants = (part) => only.length === 0 || only.includes(part);

function run(cmd, args, options = {}) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  console.log(`(${cmd} ${args[0]}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result.status ?? 1;
}

const bin = join(root, 'node_modules', '.bin');
const withBin = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };

/** Runs a shell command line with its output held back; resolves to its exit status and output. */
function runQuietly(line, env = withBin) {
  return new Promise((resolve) => {
    const child = spawn(line, { cwd: root, shell: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ status: 1, output: `${output}${e.message}\n` }));
    child.on('close', (code) => resolve({ status: code ?? 1, output }));
  });
}

/**
 * Runs the command lines at most `lanes` at a time, in the order given (longest first keeps the
 * lanes even), printing each one's output when it ends. Resolves to the exit statuses, in order.
 */
async function runInLanes(lines, lanes = 2) {
  const statuses = new Array(lines.length);
  let next = 0;
  const lane = async () => {
    while (next < lines.length) {
      const i = next++;
      const started = Date.now();
      const { status, output } = await runQuietly(lines[i]);
      console.log(`\n$ ${lines[i]}   (${((Date.now() - started) / 1000).toFixed(1)} s, exit ${status})`);
      if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      statuses[i] = status;
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, lines.length) }, lane));
  return statuses;
}

function ensureChromium() {
  let path = findChromium();
  if (path) return path;
  const isRoot = process.getuid?.() === 0;
  const isDebian = existsSync('/etc/debian_version');
  if (isRoot && isDebian) {
    console.log('No Chromium found: installing Debian\'s chromium package (apt-get install -y chromium)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium']);
    path = findChromium();
    if (path) return path;
  }
  console.error(
    'No Chromium found for the end-to-end tests. Install one, then run `npm test` again:\n' +
      (isDebian ? '  sudo apt-get install -y chromium\n' : '  install Chromium from your system\'s package manager\n') +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary: CHROMIUM_PATH=/path/to/chrome npm test',
  );
  return null;
}

const tally = { passed: 0, failed: 0, skipped: 0 };

if (!existsSync(join(root, 'node_modules'))) {
  if (run('npm', ['ci']) !== 0) process.exit(1);
}

// `npm run check` is the one list of type checks; its steps run here as separate lanes.
const checks = wants('check') ? JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.check.split(' && ') : [];
// The house's import rules (.dependency-cruiser.cjs): core stays pure, folders are entered through
// their index, no import cycles. Each violation prints the rule, the two files and what to do.
const lint = wants('lint') ? ['depcruise src workers vite.config.ts --config .dependency-cruiser.cjs --output-type err-long'] : [];
const chromium = wants('e2e') ? ensureChromium() : null;
if (wants('e2e') && !chromium) tally.failed++;
const build = chromium ? ['vite build --logLevel warn'] : [];
// svelte-check is the longest step, so it starts first.
const slowFirst = (line) => (line.startsWith('svelte-check') ? 0 : 1);
const lines = [...[...checks].sort((a, b) => slowFirst(a) - slowFirst(b)), ...build, ...lint];
const statuses = await runInLanes(lines);
const statusOf = (line) => statuses[lines.indexOf(line)];
if (checks.length) checks.every((c) => statusOf(c) === 0) ? tally.passed++ : tally.failed++;
if (lint.length) {
  if (statusOf(lint[0]) !== 0) console.error('\nImport-boundary check failed: each line above names the rule, the importing file and the imported one (`npm run lint` repeats it).');
  statusOf(lint[0]) === 0 ? tally.passed++ : tally.failed++;
}
const built = build.length > 0 && statusOf(build[0]) === 0;
if (build.length && !built) tally.failed++;

if (wants('unit')) {
  const report = join(outDir, 'unit.json');
  run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    tally.passed += json.numPassedTests;
    tally.failed += json.numFailedTests + suitesThatFailedToLoad(json);
    tally.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  } else tally.failed++;
}

if (built) {
  // Journeys run two at a time; the few tagged @solo run alone afterwards: those that measure
  // main-thread stalls (a training in the other worker would make the page look slow), the WebGPU
  // device-loss journey (see its comment), and the 3M-row training under a background load.
  for (const [name, args] of [
    ['e2e.json', ['--grep-invert', '@solo']],
    ['e2e-solo.json', ['--grep', '@solo', '--workers', '1']],
  ]) {
    const report = join(outDir, name);
    run('npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts', ...args], {
      env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    });
    if (existsSync(report)) {
      const { stats } = JSON.parse(readFileSync(report, 'utf8'));
      tally.passed += stats.expected + stats.flaky;
      tally.failed += stats.unexpected;
      tally.skipped += stats.skipped;
    } else tally.failed++;
  }
}

/** A test file that fails to import has no tests to count, so it counts as one failure. */
function suitesThatFailedToLoad(json) {
  return json.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
}

const line = `${tally.passed} passed, ${tally.failed} failed` + (tally.skipped ? `, ${tally.skipped} skipped` : '');
console.log(`\n${line}`);
process.exit(tally.failed === 0 ? 0 : 1);
