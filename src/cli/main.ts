/** Dispatches `modelbench <command> …` to the command modules, loaded only when used. */
import { fileErrorMessage } from './fileError';
import { commandHelp, overview, SUMMARIES, version } from './help';

interface CommandModule {
  run: (argv: string[]) => Promise<number>;
  /** The usage its errors repeat, shown by `modelbench <command> --help`. */
  usage: string;
}

const COMMANDS: Record<keyof typeof SUMMARIES, () => Promise<CommandModule>> = {
  profile: async () => import('./profile').then((m) => ({ run: m.profileCommand, usage: m.USAGE })),
  train: async () => import('./train').then((m) => ({ run: m.trainCommand, usage: m.USAGE })),
  export: async () => import('./export').then((m) => ({ run: m.exportCommand, usage: m.USAGE })),
  score: async () => import('./score').then((m) => ({ run: m.scoreCommand, usage: m.USAGE })),
  compare: async () => import('./compare').then((m) => ({ run: m.compareCommand, usage: m.USAGE })),
  'ab-bundle': async () => import('./abBundle').then((m) => ({ run: m.abBundleCommand, usage: m.USAGE })),
  'ab-analyze': async () => import('./ab').then((m) => ({ run: m.abAnalyzeCommand, usage: m.USAGE })),
  gate: async () => import('./gate').then((m) => ({ run: m.gateCommand, usage: m.USAGE })),
  registry: async () => import('./registry').then((m) => ({ run: m.registryCommand, usage: m.USAGE })),
  pipeline: async () => import('./pipeline').then((m) => ({ run: m.pipelineCommand, usage: m.USAGE })),
  serve: async () => import('./serve').then((m) => ({ run: m.serveCommand, usage: m.USAGE })),
  sql: async () => import('./sql').then((m) => ({ run: m.sqlCommand, usage: m.USAGE })),
  loadtest: async () => import('./loadtest').then((m) => ({ run: m.loadtestCommand, usage: m.USAGE })),
};

/** Errors about the user's input or data: their message is the whole story, so no stack is printed. */
const EXPECTED = new Set(['DataError', 'RecipeError', 'TrainingError', 'TrainingStoppedError', 'DeviceLostError', 'AbortError', 'DeployError', 'RunFileError']);

const HELP = new Set(['--help', '-h']);
const VERSION = new Set(['--version', '-v', '-V']);

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    console.error(overview());
    return 2;
  }
  if (HELP.has(name) || (name === 'help' && rest.length === 0)) {
    console.log(overview());
    return 0;
  }
  if (VERSION.has(name) || name === 'version') {
    console.log(version());
    return 0;
  }
  // `modelbench help train` reads as `modelbench train --help`.
  const [commandName, args] = name === 'help' ? [rest[0], ['--help']] : [name, rest];
  const load = Object.hasOwn(COMMANDS, commandName) ? COMMANDS[commandName] : undefined;
  if (!load) {
    console.error(`Unknown command "${commandName}". The commands are ${Object.keys(COMMANDS).join(', ')}; run \`modelbench --help\` for what each does.`);
    return 2;
  }
  try {
    const command = await load();
    // Everything after a lone `--` is an argument, never a help request.
    const flags = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
    if (flags.some((a) => HELP.has(a))) {
      console.log(commandHelp(commandName, command.usage));
      return 0;
    }
    return await command.run(args);
  } catch (error) {
    console.error(errorLine(error));
    return error instanceof RangeError ? 2 : 1;
  }
}

/**
 * One line for anything a command throws. Mistakes in the input (a missing file, a bad flag, data
 * that cannot train) are their message alone; anything else is a bug, whose stack is printed only
 * when MODELBENCH_DEBUG is set.
 */
function errorLine(error: unknown): string {
  const file = fileErrorMessage(error);
  if (file) return file;
  const e = error instanceof Error ? error : new Error(String(error));
  // Flag errors are RangeErrors that carry the usage after the message.
  if (EXPECTED.has(e.name) || e instanceof RangeError) return e.message;
  if (process.env.MODELBENCH_DEBUG) return e.stack ?? e.message;
  return `Unexpected error: ${e.message.split('\n')[0]} (run again with MODELBENCH_DEBUG=1 to see where it happened, and report it).`;
}
