import { describe, expect, test } from 'vitest';
import type { Plugin } from 'vite';
import { pwa } from '../../../src/pwa/vitePwaPlugin';
import { securityHeaders } from '../../../src/pwa/securityHeaders.mjs';
import { startServer } from '../../support/serve.mjs';

type Middleware = (req: { url?: string }, res: { setHeader(name: string, value: string): void }, next: () => void) => void;

/** The headers the dev server (or `vite preview`) sends for `url`, through the plugin's middleware. */
function devHeaders(hook: 'configureServer' | 'configurePreviewServer', url: string): Record<string, string> {
  const plugin = (pwa().flat(2) as Plugin[]).find((p) => p && p.name === 'modelbench-security-headers')!;
  let middleware: Middleware | undefined;
  const server = { middlewares: { use: (m: Middleware) => void (middleware = m) } };
  (plugin[hook] as unknown as (s: typeof server) => void)(server);
  const headers: Record<string, string> = {};
  let passed = false;
  middleware!({ url }, { setHeader: (name, value) => void (headers[name] = value) }, () => void (passed = true));
  expect(passed).toBe(true);
  return headers;
}

describe('one set of security headers for every server', () => {
  test.each(['configureServer', 'configurePreviewServer'] as const)('%s sends cross-origin isolation and the strict CSP on the page', (hook) => {
    const headers = devHeaders(hook, '/?sample=penguins');
    expect(headers).toEqual(securityHeaders('/'));
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(headers['Content-Security-Policy']).not.toContain("'unsafe-eval'");
  });

  test("the expression workers get 'unsafe-eval' in development and in the build, the others do not", () => {
    expect(devHeaders('configureServer', '/workers/train.ts?worker_file&type=module')['Content-Security-Policy']).toContain("'unsafe-eval'");
    expect(devHeaders('configureServer', '/workers/profile.ts?worker_file&type=module')['Content-Security-Policy']).not.toContain("'unsafe-eval'");
    expect(devHeaders('configurePreviewServer', '/assets/score-AbC12_x-.js')['Content-Security-Policy']).toContain("'unsafe-eval'");
  });

  test('the production server (npm start) sends exactly the same headers', async () => {
    const server = await startServer({ root: 'public', port: 0 });
    try {
      const response = await fetch(`${server.url}favicon.svg`);
      for (const [name, value] of Object.entries(securityHeaders('/favicon.svg'))) expect(response.headers.get(name)).toBe(value);
    } finally {
      await server.close();
    }
  });
});
