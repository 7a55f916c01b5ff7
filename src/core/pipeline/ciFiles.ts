/**
 * "Automate this": a pipeline.json for a registered version, and the CI files that run it, a GitHub
 * Actions workflow and a GitLab CI file. Both run the same shell lines (`pipelineCommands`), so a
 * test can run exactly those lines in a clean folder.
 */
import { PIPELINE_FORMAT, type PipelineSpec } from './pipelineSpec';

/** What the studio knows about the version to automate. */
export interface AutomateInput {
  model: string;
  /** The training file's name, as the user loaded it; the pipeline expects it under data/. */
  dataFile: string;
  target: string;
  recipe: Record<string, unknown> | null;
  spec: { kind?: unknown; options?: unknown };
  seed: number | null;
}

/** How CI runs the CLI: the command (`$MODELBENCH` in the files) and the Node version. */
export interface CiOptions {
  /** Default of the MODELBENCH variable: the command that runs the CLI. */
  cli: string;
  node: string;
}

const scalarOptions = (options: unknown): PipelineSpec['model']['options'] =>
  Object.fromEntries(Object.entries((options ?? {}) as Record<string, unknown>).filter((e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1])));

const safeFile = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-');
/** A registry model name (letters, digits, '.', '_', '-'; a letter or digit first) that is also safe in YAML and shell. */
const safeName = (name: string) => safeFile(name).replace(/^[^A-Za-z0-9]+/, '').slice(0, 64) || 'model';

/** The pipeline of a version: its recipe, model kind, options and seed, on data/<file> with a held-out data/test file. */
export function pipelineOf(input: AutomateInput): PipelineSpec {
  const file = safeFile(input.dataFile);
  const dot = file.lastIndexOf('.');
  const test = dot > 0 ? `${file.slice(0, dot)}-test${file.slice(dot)}` : `${file}-test`;
  return {
    format: PIPELINE_FORMAT,
    name: safeName(input.model),
    data: `data/${file}`,
    target: input.target,
    test: `data/${test}`,
    recipe: input.recipe,
    model: { kind: typeof input.spec.kind === 'string' ? input.spec.kind : 'gbdt', options: scalarOptions(input.spec.options) },
    seed: input.seed ?? 42,
    registry: 'registry',
    alias: 'champion',
    policy: null,
    out: 'modelbench-out',
  };
}

/** The shell lines CI runs, in order; the first exits 0, 1, 2 or 3 as the gate does. */
function pipelineCommands(spec: PipelineSpec): { install: string[]; pipeline: string[]; summary: string[]; commit: string[] } {
  return {
    install: ['if [ -f package-lock.json ]; then npm ci; fi'],
    pipeline: ['$MODELBENCH pipeline run pipeline.json'],
    summary: [`cat ${spec.out}/report.md`],
    commit: [
      `git add ${spec.registry}`,
      'git -c user.name="modelbench pipeline" -c user.email="modelbench@users.noreply.github.com" commit -m "Release ${MODEL_NAME} from the pipeline" || echo "The registry did not change."',
      'git push',
    ],
  };
}

const block = (lines: string[], indent: string) => lines.map((l) => `${indent}${l}`).join('\n');
const artifacts = (spec: PipelineSpec) => [`${spec.out}/bundle.zip`, `${spec.out}/report.md`, `${spec.out}/junit.xml`];

/** `.github/workflows/modelbench.yml`: retrain on a push to the data or pipeline, gate, release; the report as the job summary and one PR comment. */
function githubWorkflow(spec: PipelineSpec, options: CiOptions): string {
  const c = pipelineCommands(spec);
  return `# Retrains ${spec.name}, gates it against ${spec.registry}'s ${spec.alias} and releases it on a pass.
# Exit codes of the pipeline step: 0 released, 1 refused by the gate, 3 inconclusive, 2 invalid input.
name: modelbench ${spec.name}
on:
  push:
    branches: [main]
    paths: [data/**, pipeline.json, gate.json]
  pull_request:
    paths: [data/**, pipeline.json, gate.json]
  workflow_dispatch:
permissions:
  contents: write
  pull-requests: write
env:
  # How to run the Modelbench CLI; set the repository variable MODELBENCH to change it.
  MODELBENCH: \${{ vars.MODELBENCH || '${options.cli}' }}
  MODEL_NAME: ${spec.name}
jobs:
  pipeline:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: '${options.node}'
      - name: Install
        run: |
${block(c.install, '          ')}
      - name: Retrain, gate and release
        id: pipeline
        run: |
${block(c.pipeline, '          ')}
      - name: Job summary
        if: always()
        run: |
${block(c.summary, '          ')} >> "$GITHUB_STEP_SUMMARY"
      - name: Comment on the pull request
        if: always() && github.event_name == 'pull_request'
        uses: actions/github-script@v7
        with:
          script: |
            const fs = require('fs');
            const body = fs.readFileSync('${spec.out}/report.md', 'utf8');
            const marker = '<!-- modelbench-gate -->';
            const { owner, repo } = context.repo;
            const issue_number = context.issue.number;
            const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number });
            const mine = comments.find((c) => c.body && c.body.includes(marker));
            if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
            else await github.rest.issues.createComment({ owner, repo, issue_number, body });
      - name: Upload the bundle and the report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: modelbench-${safeFile(spec.name)}
          if-no-files-found: ignore
          path: |
${block(artifacts(spec), '            ')}
      - name: Commit the registry
        if: success() && github.ref == 'refs/heads/main'
        run: |
${block(c.commit, '          ')}
`;
}

/** `.gitlab-ci.yml`: the same lines, JUnit shown in merge requests, the registry pushed back on the default branch. */
function gitlabCi(spec: PipelineSpec, options: CiOptions): string {
  const c = pipelineCommands(spec);
  return `# Retrains ${spec.name}, gates it against ${spec.registry}'s ${spec.alias} and releases it on a pass.
# Exit codes of the pipeline: 0 released, 1 refused by the gate, 3 inconclusive, 2 invalid input.
variables:
  MODELBENCH: "${options.cli}"
  MODEL_NAME: "${spec.name}"
modelbench:
  image: node:${options.node}
  rules:
    - changes: [data/**/*, pipeline.json, gate.json]
    - if: $CI_PIPELINE_SOURCE == "web"
  script:
${block([...c.install, ...c.pipeline].map((l) => `- ${l}`), '    ')}
    # On the default branch, push the registry back (needs a project access token URL in REGISTRY_PUSH_URL).
    - |
      if [ "$CI_COMMIT_BRANCH" = "$CI_DEFAULT_BRANCH" ] && [ -n "$REGISTRY_PUSH_URL" ]; then
${block(c.commit.map((l) => l.replace('git push', 'git push "$REGISTRY_PUSH_URL" HEAD:"$CI_COMMIT_BRANCH"')), '        ')}
      fi
  after_script:
${block(c.summary.map((l) => `- ${l} || true`), '    ')}
  artifacts:
    when: always
    paths:
${block(artifacts(spec).map((p) => `- ${p}`), '      ')}
    reports:
      junit: ${spec.out}/junit.xml
`;
}

/** Every file "Automate this" downloads, by path. */
export function automationFiles(input: AutomateInput, options: CiOptions): Record<string, string> {
  const spec = pipelineOf(input);
  return {
    'pipeline.json': `${JSON.stringify(spec, null, 2)}\n`,
    '.github/workflows/modelbench.yml': githubWorkflow(spec, options),
    '.gitlab-ci.yml': gitlabCi(spec, options),
    'AUTOMATE.md': `# Automating ${input.model}\n\n1. Put the training file at \`${spec.data}\` and a held-out file with the same columns at \`${spec.test}\`.\n2. Commit these files. On each change to the data, the workflow retrains, gates the new model against \`${spec.registry}\`'s ${spec.alias} and, on a pass, registers it and moves the alias.\n3. The workflow runs the CLI as \`${options.cli}\`: add Modelbench to the repository's devDependencies (the workflow runs \`npm ci\` when there is a package-lock.json), or set the CI variable \`MODELBENCH\` to the command that runs it.\n\nExit codes: 0 released, 1 refused by the gate, 3 inconclusive, 2 invalid input.\n`,
  };
}
