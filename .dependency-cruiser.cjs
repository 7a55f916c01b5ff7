/**
 * The house's import rules, checked by dependency-cruiser (`npm run lint`, and inside `npm test`).
 * See the README's architecture section for why each rule exists.
 */
const { readdirSync, statSync, existsSync } = require('node:fs');
const { join } = require('node:path');

/** Every folder under src/ and workers/ that has an index.ts: its public API, the only door in. */
function indexedFolders(dir) {
  const here = existsSync(join(dir, 'index.ts')) ? [dir] : [];
  const children = readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory());
  return [...here, ...children.flatMap(indexedFolders)];
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const folders = [...indexedFolders('src'), ...(existsSync('workers') ? indexedFolders('workers') : [])].map((f) => f.split('\\').join('/'));

/**
 * Two folders whose index pulls in a heavy library also offer a light door for the page, so the
 * first load stays free of TF.js (models) and arquero (recipe). The page-light rule below keeps the
 * page on these doors.
 */
const LIGHT_DOORS = ['src/core/models/catalog.ts', 'src/core/recipe/page.ts'];

/**
 * A folder's inner files are reached from outside it only through its index.ts (or its light door).
 * A nested folder with its own index.ts (core/stats/tests, core/models/trees) belongs to its parent:
 * the parent's files use it freely, and from outside the parent its index is a second door.
 */
const outermost = (folder) => folders.filter((outer) => folder.startsWith(`${outer}/`)).sort((a, b) => a.length - b.length)[0] ?? folder;
const throughIndex = folders.map((folder) => {
  const f = escape(folder);
  const doors = [
    `${folder}/index.ts`,
    ...folders.filter((inner) => inner.startsWith(`${folder}/`)).map((inner) => `${inner}/`),
    ...LIGHT_DOORS.filter((door) => door.startsWith(`${folder}/`)),
  ];
  return {
    name: `enter-through-index:${folder}`,
    comment: `${folder} is entered through ${folder}/index.ts${doors.length > 1 ? ' (or a door listed in .dependency-cruiser.cjs)' : ''} from outside the folder: import that index, or export what you need from it.`,
    severity: 'error',
    from: { path: '^(src|workers)/', pathNot: `^${escape(outermost(folder))}/` },
    to: { path: `^${f}/`, pathNot: doors.map((d) => `^${escape(d)}${d.endsWith('/') ? '' : '$'}`) },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'core-stays-pure',
      comment: 'src/core runs in a worker, on the main thread and in Node: it imports nothing from ui, state, storage, bridge, pwa, cli or workers.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src/(ui|state|storage|bridge|pwa|cli)|workers)/' },
    },
    {
      name: 'core-no-svelte',
      comment: 'src/core is plain TypeScript: no Svelte.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '(\\.svelte(\\.ts)?$|node_modules/svelte/)' },
    },
    {
      name: 'core-no-node',
      comment: 'src/core runs in browsers too: Node built-ins belong in src/cli or tests.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'bridge-not-state',
      comment: 'src/bridge talks to workers for anyone; app state (src/state) calls the bridge, never the reverse.',
      severity: 'error',
      from: { path: '^src/bridge/' },
      to: { path: '^src/state/' },
    },
    {
      name: 'ui-not-workers',
      comment: 'The UI reaches workers only through src/bridge.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^workers/' },
    },
    {
      name: 'shipped-code-not-tests',
      comment: 'Nothing that ships (src/, workers/, vite.config.ts) imports from tests/.',
      severity: 'error',
      from: { path: '^(src|workers)/|^vite\\.config\\.ts$' },
      to: { path: '^tests/' },
    },
    {
      name: 'no-cycles',
      comment:
        'Import cycles make load order matter: break the cycle by moving what both files need into a third. ' +
        'A cycle through an `import type` is erased by the compiler, so it cannot affect load order and is allowed.',
      severity: 'error',
      from: { path: '^(src|workers)/' },
      to: { circular: true, dependencyTypesNot: ['type-only', 'type-import'], viaOnly: { dependencyTypesNot: ['type-only', 'type-import'] } },
    },
    {
      name: 'page-light',
      comment:
        'The page loads models through core/models/catalog.ts and recipe through core/recipe/page.ts: their indexes pull in ' +
        'TF.js and arquero, which belong in workers. Type-only imports are erased and allowed.',
      severity: 'error',
      from: { path: '^src/(state|ui|bridge|main\\.ts)' },
      to: { path: '^src/core/(models|recipe)/index\\.ts$', dependencyTypesNot: ['type-only', 'type-import'] },
    },
    ...throughIndex,
  ],
  options: {
    doNotFollow: { path: '^(node_modules|tests)/' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.svelte', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
