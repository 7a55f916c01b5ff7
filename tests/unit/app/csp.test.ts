import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CSP_DIRECTIVES, cspString } from '../../../src/pwa/securityHeaders.mjs';

const html = readFileSync('index.html', 'utf8');

describe('Content-Security-Policy', () => {
  test('index.html carries exactly the policy the server and service worker send', () => {
    const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    expect(meta).toBe(cspString());
  });

  test('scripts may come only from the app itself (plus WebAssembly compilation), never eval', () => {
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  test.each(['connect-src', 'img-src', 'font-src', 'media-src', 'frame-src', 'form-action', 'base-uri'] as const)(
    '%s allows only the app origin, blob: and data:',
    (directive) => {
      for (const source of CSP_DIRECTIVES[directive]) expect(["'self'", 'blob:', 'data:', "'none'"]).toContain(source);
    },
  );
});
