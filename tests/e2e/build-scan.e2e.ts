import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test, expect } from '@playwright/test';
import { EVAL_WORKERS } from '../../src/pwa/securityHeaders.mjs';
import { precacheEntries } from '../support/precache.mjs';
import { measureBuild } from '../support/first-load-size.mjs';

/**
 * Static scan of the built studio (`dist/`, or MB_DIST): every external address in every file must
 * be one the app never fetches, listed below with the reason. Runs after `vite build`, with no page.
 */
const root = process.env.MB_DIST || 'dist';

/** Addresses that appear in the bundle but are never requested, and why. */
const ALLOWED: { pattern: RegExp; reason: string }[] = [
  { pattern: /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xhtml|1998\/Math\/MathML|1999\/xlink|XML\/1998\/namespace|2000\/xmlns\/)$/, reason: 'XML namespace names (Svelte creates SVG/MathML elements with them); never fetched' },
  { pattern: /^https?:\/\/www\.apache\.org\/licenses\/LICENSE-2\.0$/, reason: 'licence comment kept by the minifier (TF.js, Apache-2.0)' },
  { pattern: /^https:\/\/opensource\.org\/licenses\/MIT$/, reason: 'licence comment kept by the minifier (MIT packages)' },
  { pattern: /^https:\/\/svelte\.dev\/e\/[a-z_]+$/, reason: 'documentation link inside Svelte runtime error messages' },
  { pattern: /^https:\/\/github\.com\/tensorflow\/(tfjs|tfjs-node)(\/(issues(\/\d+)?|blob\/[\w./-]+(#[\w-]+)?))?$/, reason: 'links in TF.js warning and error strings' },
  { pattern: /^https:\/\/developer\.mozilla\.org\/en-US\/docs\/Web\/API\/[\w/]+$/, reason: 'MDN link in a TF.js error string (the fetchFunc option)' },
  { pattern: /^https:\/\/emscripten\.org\/docs\/[\w./-]+(#[\w-]+)?$/, reason: 'link in the Emscripten (TF.js WASM) pthread warning text' },
  { pattern: /^https:\/\/en\.wikipedia\.org\/wiki\/[\w.%-]+(#[\w-]+)?$/, reason: 'citation in a TF.js comment about float16 encoding' },
  { pattern: /^https:\/\/arxiv\.org\/abs\/[\d.]+$/, reason: 'citation in a TF.js comment (SELU paper)' },
  { pattern: /^https:\/\/www\.shadertoy\.com\/view\/\w+$/, reason: 'credit for a hash function in a TF.js WebGL shader comment' },
  { pattern: /^https:\/\/bit\.ly\/wb-precache$/, reason: 'link inside a Workbox precache error message (sw.js); never fetched' },
  { pattern: /^http:\/\/127\.0\.0\.1(:(\d+|\$))?(\/[\w/-]*)?$/, reason: 'loopback addresses in the "Serve this model" commands shown for the user to run on their own machine; never fetched by the studio (the CSP blocks it anyway)' },
];

/** Hosts that must never appear at all: CDNs, font and analytics services, model hubs. */
const FORBIDDEN_HOSTS = [
  'cdn.jsdelivr.net', 'unpkg.com', 'cdnjs.cloudflare.com', 'esm.sh', 'cdn.skypack.dev', 'storage.googleapis.com', 'tfhub.dev',
  'www.kaggle.com', 'fonts.googleapis.com', 'fonts.gstatic.com', 'google-analytics.com', 'googletagmanager.com', 'sentry.io',
];

const TEXT = /\.(js|mjs|css|html|json|webmanifest|svg|txt|md|csv|py)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Every file under dist, as text (binary files decoded as latin1 so embedded ASCII strings still match). */
function files(): { path: string; text: string }[] {
  return walk(root).map((path) => {
    const bytes = readFileSync(path);
    return { path: relative(root, path).split('\\').join('/'), text: TEXT.test(path) ? bytes.toString('utf8') : bytes.toString('latin1') };
  });
}

/** Absolute (scheme) addresses, and protocol-relative ones (`//host.tld/...`) starting a string or url(). */
function externalAddresses(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s"'`<>()\\{}[\]^|]+/gi)) found.push(m[0].replace(/[.,;:!?*]+$/, ''));
  for (const m of text.matchAll(/(?<=["'`(=]\s*)\/\/([a-z0-9-]+\.)+[a-z]{2,}(?=[/:"'`)])/gi)) found.push(m[0]);
  return found;
}

test.describe('Build scan', () => {
  test.beforeAll(() => {
    expect(statSync(join(root, 'index.html')).isFile(), `${root}/index.html is missing: run \`npx vite build\` first`).toBe(true);
  });

  test('every external address in the bundle is on the allow-list, with its reason', () => {
    const unexpected: string[] = [];
    const used = new Map<string, number>();
    let total = 0;
    for (const { path, text } of files()) {
      for (const address of externalAddresses(text)) {
        total++;
        const rule = ALLOWED.find((a) => a.pattern.test(address));
        if (rule) used.set(rule.reason, (used.get(rule.reason) ?? 0) + 1);
        else unexpected.push(`${path}: ${address}`);
      }
    }
    test.info().annotations.push({ type: 'addresses found', description: `${total}; by reason: ${JSON.stringify(Object.fromEntries(used))}` });
    expect([...new Set(unexpected)]).toEqual([]);
  });

  test('no CDN, font, analytics or model-hub host and no tf.min.js anywhere', () => {
    const hits: string[] = [];
    for (const { path, text } of files()) {
      if (/tf(\.es\d+)?\.min\.js/.test(path) || text.includes('tf.min.js')) hits.push(`${path}: tf.min.js`);
      for (const host of FORBIDDEN_HOSTS) if (text.includes(host)) hits.push(`${path}: ${host}`);
    }
    expect(hits).toEqual([]);
  });

  test('no WebRTC, beacons, WebSockets or EventSource in the bundle', () => {
    const hits: string[] = [];
    for (const { path, text } of files()) {
      for (const api of ['RTCPeerConnection', 'RTCDataChannel', 'sendBeacon', 'new WebSocket', 'WebSocket(', 'EventSource', 'navigator.connection']) {
        if (text.includes(api)) hits.push(`${path}: ${api}`);
      }
    }
    expect(hits).toEqual([]);
  });

  test('every worker is bundled as a worker, never copied as its TypeScript source', () => {
    // Vite bundles a worker only from `new Worker(new URL('./x.ts', import.meta.url))` written out whole;
    // any other URL to a .ts file ships the source as an asset (inlined as a data: URL when small), and the worker never starts.
    const shipped = files().filter(({ path, text }) => path.endsWith('.ts') || /data:video\/mp2t/.test(text)).map(({ path }) => path);
    expect(shipped).toEqual([]);
  });

  test("the Function constructor appears only in the workers whose policy adds 'unsafe-eval'", () => {
    const users = files()
      .filter(({ path }) => path.endsWith('.js'))
      .filter(({ text }) => /(?<![\w$.])(new\s+)?Function\(/.test(text))
      .map(({ path }) => `/${path}`);
    for (const path of users) expect(path, `${path} builds code from strings but its CSP forbids eval`).toMatch(EVAL_WORKERS);
    test.info().annotations.push({ type: 'eval users', description: users.join(', ') });
  });

  test('index.html loads only same-origin scripts, styles and icons, and carries the CSP', () => {
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    for (const m of html.matchAll(/\b(?:src|href)="([^"]+)"/g)) expect(m[1], `index.html references ${m[1]}`).toMatch(/^\.?\/(?!\/)/);
  });

  test('the service worker precaches every built file, and only those, each once with its revision', () => {
    const entries = precacheEntries(readFileSync(join(root, 'sw.js'), 'utf8'));
    const list = entries.map((e) => `./${e.url}`);
    // index.html answers every page load (the service worker maps navigations to it).
    expect(list).toContain('./index.html');
    expect(new Set(list).size).toBe(list.length);
    const missing = list.filter((p) => !statSync(join(root, p), { throwIfNoEntry: false })?.isFile());
    expect(missing).toEqual([]);
    const built = walk(root)
      .map((p) => `./${relative(root, p).split('\\').join('/')}`)
      .filter((p) => p !== './sw.js');
    expect(built.filter((p) => !list.includes(p))).toEqual([]);
    // Hashed assets are their own revision; every other file carries a content hash.
    for (const e of entries) expect(e.revision === null ? /^assets\//.test(e.url) : /^[0-9a-f]{32}$/.test(e.revision), e.url).toBe(true);
  });
});

test.describe('Build size', () => {
  // `node tests/support/first-load-size.mjs` prints the same figures.
  test('first-load JavaScript is at most 150 KB gzipped, without TF.js or arquero; the build holds TF.js once', () => {
    const size = measureBuild(root);
    test.info().annotations.push({ type: 'first load', description: `${(size.firstLoadGzip / 1024).toFixed(1)} KB gzipped: ${size.firstLoad.map((f) => f.file).join(', ')}` });
    expect(size.firstLoadGzip).toBeLessThanOrEqual(150 * 1024);
    expect(size.firstLoadHasTfjs).toBe(false);
    expect(size.firstLoadHasArquero).toBe(false);
    expect(size.tfjsCopies).toHaveLength(1);
  });
});
