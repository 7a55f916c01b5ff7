/**
 * `modelbench ab-bundle <bundle.zip> <bundle.zip> [...] --weights 90,10 [--names a,b] [--shadow] [--salt S] --out ab.zip`
 *
 * Packs verified model bundles into one A/B bundle: each model's files under `variants/<name>/`,
 * `router.mjs` (emitRouterModule), `router.json` and a README on routing, shadow mode, onDecision
 * and the log writer. The first bundle is the champion.
 */
import { readFlags } from './flags';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { unzipSync } from 'fflate';
import { verifyBundle } from '../core/deploy';
import { packAbBundle, variantName, type AbVariant } from '../core/abtest';

export const USAGE = 'Usage: modelbench ab-bundle <bundle.zip> <bundle.zip> [...] --weights 90,10 [--names champion,challenger] [--shadow] [--salt S] --out ab.zip';

export interface AbBundleArgs {
  bundles: string[];
  weights: number[];
  names?: string[];
  shadow: boolean;
  salt?: string;
  out: string;
}

/** Parses argv; throws a RangeError naming the bad flag and the usage. */
export function parseAbBundleArgs(argv: string[]): AbBundleArgs {
  const { flags, switches, positional: bundles } = readFlags(argv, ['weights', 'names', 'salt', 'out'], USAGE, ['shadow']);
  const shadow = switches.has('shadow');
  if (bundles.length < 2) throw new RangeError(`An A/B bundle needs at least two model bundles; got ${bundles.length}. ${USAGE}`);
  if (!flags.out) throw new RangeError(`--out ab.zip is required. ${USAGE}`);
  if (!flags.weights) throw new RangeError(`--weights is required, one per bundle (like 90,10). ${USAGE}`);
  const weights = flags.weights.split(',').map((w) => {
    const v = Number(w.trim());
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`--weights holds "${w}", which is not a number ≥ 0. ${USAGE}`);
    return v;
  });
  if (weights.length !== bundles.length) throw new RangeError(`--weights gives ${weights.length} value(s) for ${bundles.length} bundle(s); give one per bundle, in the same order. ${USAGE}`);
  if (!weights.some((w) => w > 0)) throw new RangeError(`--weights are all zero; at least one variant must get traffic. ${USAGE}`);
  const names = flags.names?.split(',').map((n) => n.trim());
  if (names && names.length !== bundles.length) throw new RangeError(`--names gives ${names.length} name(s) for ${bundles.length} bundle(s). ${USAGE}`);
  return { bundles, weights, shadow, out: flags.out, ...(names ? { names } : {}), ...(flags.salt ? { salt: flags.salt } : {}) };
}

/** `modelbench ab-bundle`: writes the A/B zip and prints its router config as one JSON line. */
export async function abBundleCommand(argv: string[]): Promise<number> {
  // A RangeError here is a usage mistake: main prints it and exits 2.
  const args = parseAbBundleArgs(argv);
  const taken = new Set<string>();
  const variants: AbVariant[] = [];
  for (const [i, path] of args.bundles.entries()) {
    const zip = new Uint8Array(await readFile(path));
    const check = verifyBundle(zip);
    if (!check.ok || !check.manifest) {
      console.error(`${path} failed its integrity check:\n  ${check.problems.join('\n  ')}\nExport the bundle again.`);
      return 1;
    }
    const name = args.names?.[i] ?? variantName(check.manifest.model.name || basename(path, '.zip'), check.manifest.model.version, taken);
    variants.push({ name, weight: args.weights[i], files: unzipSync(zip) });
  }
  let packed: ReturnType<typeof packAbBundle>;
  try {
    packed = packAbBundle(variants, { shadow: args.shadow, ...(args.salt ? { salt: args.salt } : {}) });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    console.error(e.message);
    return 1;
  }
  await writeFile(args.out, packed.zip);
  console.log(JSON.stringify({ out: args.out, bytes: packed.zip.length, router: packed.config }));
  return 0;
}
