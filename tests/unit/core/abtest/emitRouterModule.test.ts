import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { assignVariant, decisionFormats, decisionLogWriter, decisionToCsv, decisionToNdjson, DECISION_CSV_HEADER, emitRouterModule, planRouter, routerKernel, unitHasher, variantAt, type Decision } from '../../../../src/core/abtest';
import { fmix32, mix32 } from '../../../../src/core/stats';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-router-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a bundle with router.mjs and one scorer per variant, then imports it as Node would. */
async function loadBundle(name: string, shadow: boolean) {
  const root = join(dir, name);
  const previous = planRouter({ weights: [{ name: 'champion', weight: 70 }, { name: 'challenger-1', weight: 20 }, { name: 'challenger-2', weight: 10 }], salt: 'exp-9' });
  const config = planRouter({ weights: [{ name: 'champion', weight: 60 }, { name: 'challenger-1', weight: 20 }, { name: 'challenger-2', weight: 20 }], previous, shadow });
  for (const v of config.variants) {
    mkdirSync(join(root, 'variants', v), { recursive: true });
    writeFileSync(join(root, 'variants', v, 'scorer.mjs'), `export function predict(rows) { return rows.map((r) => ${JSON.stringify(v)} + ':' + r.x); }\n`);
  }
  writeFileSync(join(root, 'router.mjs'), emitRouterModule(config));
  return { config, mod: await import(pathToFileURL(join(root, 'router.mjs')).href) };
}

describe('emitRouterModule', () => {
  test('the emitted router assigns exactly as the studio does (10,000 ids, ASCII and non-ASCII)', async () => {
    const { config, mod } = await loadBundle('plain', false);
    expect(mod.CONFIG).toEqual(config);
    for (let i = 0; i < 10_000; i++) {
      const id = i % 3 === 0 ? `usér-${i}-日本` : `u${i}`;
      expect(mod.assign(id)).toBe(assignVariant(config, id));
    }
  });

  test('predicts through the variant scorers and reports decisions', async () => {
    const { config, mod } = await loadBundle('predict', false);
    const decisions: Decision[] = [];
    const router = mod.createRouter({ onDecision: (d: Decision) => decisions.push(d), now: () => 5 });
    const out = await router.predict('abc', [{ x: 1 }, { x: 2 }]);
    const variant = assignVariant(config, 'abc');
    expect(out).toEqual({ variant, prediction: [`${variant}:1`, `${variant}:2`] });
    expect(decisions).toEqual([{ unitId: 'abc', variant, prediction: out.prediction, timestamp: 5, shadow: false }]);
  });

  test('shadow mode scores every challenger and returns the champion answer', async () => {
    const { mod } = await loadBundle('shadow', true);
    const decisions: Decision[] = [];
    const router = mod.createRouter({ onDecision: (d: Decision) => decisions.push(d) });
    expect(await router.predict('abc', [{ x: 3 }])).toEqual({ variant: 'champion', prediction: ['champion:3'] });
    await router.idle();
    expect(decisions.map((d) => [d.variant, d.shadow]).sort()).toEqual([['challenger-1', true], ['challenger-2', true], ['champion', false]]);
  });

  test('the Node log writer appends CSV (header once) and NDJSON lines identical to the core formatters', async () => {
    const { mod } = await loadBundle('log', false);
    const decisions: Decision[] = [
      { unitId: 'a,1', variant: 'champion', prediction: [0.25], timestamp: 10, shadow: false },
      { unitId: 'b"2', variant: 'challenger-1', prediction: 'yes', timestamp: 11, shadow: true },
    ];
    for (const format of ['csv', 'ndjson'] as const) {
      const path = join(dir, `log.${format}`);
      for (const d of decisions) {
        const log = await mod.createLogWriter(path, format);
        log.write(d);
        await log.close();
      }
      const core = format === 'csv' ? `${DECISION_CSV_HEADER}\n${decisions.map((d) => decisionToCsv(d)).join('')}` : decisions.map(decisionToNdjson).join('');
      expect(readFileSync(path, 'utf8')).toBe(core);
    }
    expect(readFileSync(join(dir, 'log.csv'), 'utf8')).toContain('"a,1",champion,[0.25],10,false');
    await expect(mod.createLogWriter(join(dir, 'x'), 'xml')).rejects.toThrow(/"xml"/);
  });

  test('CSV logs neutralise spreadsheet formulas in text cells, never in numbers, unless turned off', async () => {
    const { mod } = await loadBundle('formula', false);
    const hostile: Decision = { unitId: '=HYPERLINK("http://x","y")', variant: 'champion', prediction: '@SUM(A1)', timestamp: 12, shadow: false };
    const numeric: Decision = { unitId: '+15551234', variant: 'champion', prediction: -0.5, timestamp: 13, shadow: false };
    expect(decisionToCsv(hostile)).toBe(`"'=HYPERLINK(""http://x"",""y"")",champion,'@SUM(A1),12,false\n`);
    expect(decisionToCsv(numeric)).toBe(`'+15551234,champion,-0.5,13,false\n`);
    expect(decisionToCsv(hostile, false)).toBe(`"=HYPERLINK(""http://x"",""y"")",champion,@SUM(A1),12,false\n`);
    for (const [options, expected] of [[undefined, decisionToCsv(hostile)], [{ neutraliseFormulas: false }, decisionToCsv(hostile, false)]] as const) {
      const path = join(dir, `formula-${options ? 'off' : 'on'}.csv`);
      const log = await mod.createLogWriter(path, 'csv', options);
      log.write(hostile);
      await log.close();
      expect(readFileSync(path, 'utf8')).toBe(`${DECISION_CSV_HEADER}\n${expected}`);
    }
  });
});

test('router.mjs carries the typed hash, router, log formats and log writer as they are, not a hand-typed copy', () => {
  const text = emitRouterModule(planRouter({ weights: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }] }));
  for (const fn of [unitHasher, routerKernel, decisionFormats, decisionLogWriter, variantAt, mix32, fmix32]) expect(text).toContain(fn.toString());
});
