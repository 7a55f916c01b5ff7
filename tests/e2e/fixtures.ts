import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every journey runs under a guard that fails the test on:
 * - a console error or an unhandled exception/rejection in the page;
 * - a Content-Security-Policy violation (reported by a `securitypolicyviolation` listener);
 * - any request to an origin other than the app's own (blob: and data: are local);
 * - any use of RTCPeerConnection, navigator.sendBeacon or WebSocket (stubbed to throw, since CSP
 *   does not cover WebRTC).
 * A test that provokes an error on purpose lists the expected text with `allowConsole`.
 */
type Guard = {
  /** Console errors matching these are expected by the test. */
  allowConsole: (pattern: RegExp) => void;
  /** Requests seen so far (URL strings), for tests that assert on them. */
  requests: string[];
};

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      const requests: string[] = [];
      const origin = new URL(baseURL!).origin;

      await page.addInitScript(() => {
        const report = (text: string) => console.error(text);
        document.addEventListener('securitypolicyviolation', (e) =>
          report(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`),
        );
        const forbid = (name: string) =>
          function forbidden() {
            report(`Forbidden API used: ${name}`);
            throw new Error(`${name} is not allowed in Modelbench`);
          };
        const w = window as unknown as Record<string, unknown>;
        w.RTCPeerConnection = forbid('RTCPeerConnection');
        w.webkitRTCPeerConnection = forbid('webkitRTCPeerConnection');
        w.WebSocket = forbid('WebSocket');
        Object.defineProperty(navigator, 'sendBeacon', { value: forbid('navigator.sendBeacon') });
      });

      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      const onRequest = (url: string) => {
        requests.push(url);
        if (url.startsWith('blob:') || url.startsWith('data:')) return;
        if (new URL(url).origin !== origin) problems.push(`request to another origin: ${url}`);
      };
      // Context-level, so requests from workers and the service worker are seen too.
      page.context().on('request', (request) => onRequest(request.url()));

      await use({ allowConsole: (pattern) => allowed.push(pattern), requests });

      const unexpected = problems.filter((p) => !allowed.some((a) => a.test(p)));
      expect(unexpected, 'unexpected console errors, CSP violations or egress').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens a bundled sample through its share link and waits until the table is shown. */
export async function openSample(page: Page, name: string) {
  await page.goto(`./?sample=${name}`);
  await expect(page.getByTestId('dataset-ready')).toBeVisible();
}

/** On Train: opens "Model settings" when it is folded and picks the model kind by its label, as a person would. */
export async function chooseModel(page: Page, label: string) {
  const kind = page.getByRole('combobox', { name: 'Kind' });
  // A click while the stage is still settling can open a panel the next render replaces: retry until it stays open.
  await expect(async () => {
    if (!(await kind.isVisible())) await page.getByText('Model settings', { exact: true }).click();
    await expect(kind).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await kind.selectOption({ label });
  await expect(page.getByTestId('will-train')).toContainText(`Will train ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
}

/**
 * A seeded CSV `x1,x2,x3,cat,y` of `rows` rows where y ("yes"/"no") depends on x1·x2, x3 and the
 * category, with noise: large enough tables for the two-thread training paths.
 */
export function interactionCsv(rows: number, seed: number): Buffer {
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['x1,x2,x3,cat,y'];
  for (let i = 0; i < rows; i++) {
    const [a, b, c] = [rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1];
    const cat = 'pqrs'[Math.floor(rand() * 4)];
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${cat},${a * b + c + (cat === 'p' ? 0.5 : 0) + (rand() - 0.5) * 0.6 > 0.2 ? 'yes' : 'no'}`);
  }
  return Buffer.from(lines.join('\n'));
}
