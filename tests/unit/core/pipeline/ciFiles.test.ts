import { describe, expect, test } from 'vitest';
import { automationFiles, parsePipeline, pipelineOf } from '../../../../src/core/pipeline';

const input = { model: 'Churn model (v2)', dataFile: 'customers 2026.csv', target: 'left', recipe: { target: 'left', steps: [] }, spec: { kind: 'gbdt', options: { rounds: 50, learningRate: 0.1, layers: [8, 8] } }, seed: 7 };
const options = { cli: 'npx modelbench', node: '22' };

describe('pipelineOf', () => {
  test('names the data under data/, a held-out file beside it, and a registry-safe model name', () => {
    const spec = pipelineOf(input);
    expect(spec).toMatchObject({ name: 'Churn-model-v2-', data: 'data/customers-2026.csv', test: 'data/customers-2026-test.csv', target: 'left', seed: 7, registry: 'registry', alias: 'champion' });
    expect(spec.model).toEqual({ kind: 'gbdt', options: { rounds: 50, learningRate: 0.1 } });
  });
});

describe('automationFiles', () => {
  const files = automationFiles(input, options);
  test('pipeline.json reads back through the CLI parser', () => {
    expect(parsePipeline(files['pipeline.json'], 'pipeline.json')).toEqual(pipelineOf(input));
  });
  test('the workflow installs Node, runs the pipeline, summarises, comments once, uploads and commits the registry', () => {
    const yml = files['.github/workflows/modelbench.yml'];
    expect(yml).toContain("node-version: '22'");
    expect(yml).toContain("MODELBENCH: ${{ vars.MODELBENCH || 'npx modelbench' }}");
    expect(yml).toContain('$MODELBENCH pipeline run pipeline.json');
    expect(yml).toContain('cat modelbench-out/report.md >> "$GITHUB_STEP_SUMMARY"');
    expect(yml).toContain("const marker = '<!-- modelbench-gate -->';");
    expect(yml).toMatch(/uses: actions\/upload-artifact@v4[\s\S]*modelbench-out\/bundle\.zip\n\s+modelbench-out\/report\.md\n\s+modelbench-out\/junit\.xml/);
    expect(yml).toContain('git add registry');
    expect(yml).not.toMatch(/\t/);
  });
  test('the GitLab file runs the same lines and reports JUnit', () => {
    const gl = files['.gitlab-ci.yml'];
    expect(gl).toContain('image: node:22');
    expect(gl).toContain('    - $MODELBENCH pipeline run pipeline.json');
    expect(gl).toContain('junit: modelbench-out/junit.xml');
    expect(gl).toContain('git push "$REGISTRY_PUSH_URL" HEAD:"$CI_COMMIT_BRANCH"');
  });
});
