/** Dispatches `modelbench <command> …` to the command modules, loaded only when used. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<(argv: string[]) => Promise<number>> }> = {
  profile: {
    summary: 'profile <file> [--target COL] --out report.json [--html report.html]',
    load: async () => (await import('./profile')).profileCommand,
  },
  train: {
    summary: 'train <file> --target COL [--test FILE] [--recipe recipe.json] [--model baseline|linear|logistic|mlp|auto] [--seed N] --out DIR',
    load: async () => (await import('./train')).trainCommand,
  },
  export: {
    summary: 'export <run-dir> --out bundle.zip [--name NAME] [--version V]',
    load: async () => (await import('./export')).exportCommand,
  },
  score: {
    summary: 'score bundle.zip <file> --out predictions.csv|.parquet [--chunk N]',
    load: async () => (await import('./score')).scoreCommand,
  },
  compare: {
    summary: 'compare <bundle.zip> <bundle.zip> [...] <test-file> --target COL [--seed N] [--resamples N]',
    load: async () => (await import('./compare')).compareCommand,
  },
  'ab-bundle': {
    summary: 'ab-bundle <bundle.zip> <bundle.zip> [...] --weights 90,10 [--names a,b] [--shadow] [--salt S] --out ab.zip',
    load: async () => (await import('./abBundle')).abBundleCommand,
  },
  'ab-analyze': {
    summary: 'ab-analyze <joined.csv> --weights 90,10 [--metric conversion|value]',
    load: async () => (await import('./ab')).abAnalyzeCommand,
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const usage = Object.values(COMMANDS).map((c) => `  modelbench ${c.summary}`).join('\n');
    console.error(`${name ? `Unknown command "${name}".\n` : ''}Usage:\n${usage}`);
    return name === '--help' || name === '-h' ? 0 : 2;
  }
  try {
    return await (await command.load())(rest);
  } catch (error) {
    const e = error as Error;
    console.error(e.name === 'DataError' ? e.message : (e.stack ?? String(e)));
    return 1;
  }
}
