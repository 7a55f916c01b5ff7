/**
 * scorer.mjs is emitted from the studio's own functions with Function.prototype.toString(), so it
 * must survive the production build's minifier (renamed locals, no module scope to lean on). This
 * builds scorerSource.ts with Vite's minifier, as the app build does, writes it to a temp .mjs,
 * imports it in Node, and checks the scorer it emits scores like the unminified one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { build, type Rollup } from 'vite';
import { expect, test } from 'vitest';
import { scorerModule } from '../../../../src/core/deploy';
import { CLASSES, SHAPES, scoredFeatures, trainOn } from './dateShapes';
import { importScorer } from './trainTiny';

/** scorerSource.ts built by Vite (an app build, not lib mode, which keeps whitespace), imported from a temp .mjs. */
async function builtScorerSource(dir: string, o: { minify: boolean }): Promise<{ scorerModule: typeof scorerModule }> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      rollupOptions: { input: join(process.cwd(), 'src/core/deploy/scorerSource.ts'), preserveEntrySignatures: 'strict', output: { format: 'es', entryFileNames: 'scorerSource.mjs' } },
      minify: o.minify,
      write: false,
      outDir: dir,
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const chunk = (Array.isArray(out) ? out[0] : out).output.find((c): c is Rollup.OutputChunk => c.type === 'chunk')!;
  const path = join(dir, 'scorerSource.mjs');
  await writeFile(path, chunk.code);
  return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as { scorerModule: typeof scorerModule };
}

// tsx, which runs the CLI, compiles with esbuild's keepNames: it inserts `__name(fn, "name")` calls into function bodies.
test('the scorer emitted from code loaded by tsx (as the CLI runs it) scores like the source', async () => {
  const viaTsx = (await tsImport('../../../../src/core/deploy/scorerSource.ts', import.meta.url)) as { scorerModule: typeof scorerModule };
  const values = SHAPES.dmy.map(([text]) => text);
  const { fitted, model } = await trainOn(values);
  const source = viaTsx.scorerModule(fitted, model, { name: 'tsx', version: 1 });
  expect(source).toContain('__name(');
  const rows = values.map((v) => ({ at: v, at2: v }));
  const fromTsx = await importScorer(source);
  const fromSource = await importScorer(scorerModule(fitted, model, { name: 'source', version: 1 }));
  expect(scoredFeatures(fromTsx, rows, CLASSES)).toEqual(scoredFeatures(fromSource, rows, CLASSES));
});

test('the scorer emitted by a minified build scores and refuses exactly like the source', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mb-minified-'));
  try {
    const minified = await builtScorerSource(dir, { minify: true });

    const values = SHAPES.dmy.map(([text]) => text);
    const { fitted, model } = await trainOn(values);
    const id = { name: 'minified', version: 1 };
    const source = minified.scorerModule(fitted, model, id);
    // The shipped functions really were minified: their own names and line breaks are gone from the text.
    expect(source).not.toContain('compileTransform');
    expect(source).not.toContain('function cellReader');
    expect(source.length).toBeLessThan(scorerModule(fitted, model, id).length);
    const rows = [...values.map((v) => ({ at: v, at2: v })), { at: '5/1/2024', at2: null }];
    const fromBuild = await importScorer(source);
    const fromSource = await importScorer(scorerModule(fitted, model, { ...id, name: 'source' }));
    expect(scoredFeatures(fromBuild, rows.slice(0, -1), CLASSES)).toEqual(scoredFeatures(fromSource, rows.slice(0, -1), CLASSES));
    expect(fromBuild.predict(rows).at(-1)).toEqual({ error: expect.stringContaining(`Column 'at' holds "5/1/2024", which is not a date written as in the training data (DD.MM.YYYY`) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
