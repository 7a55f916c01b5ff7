/**
 * Finds a Chromium and launches it headless for tests and benchmarks, with WebGPU exposed on
 * SwiftShader so CI runs the WebGPU path, and background networking off so the browser itself
 * makes no requests of its own.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
];

export const QUIET_FLAGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--metrics-recording-only',
];

function playwrightChromium() {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return null;
  for (const dir of readdirSync(cache).filter((d) => d.startsWith('chromium')).sort().reverse()) {
    for (const rel of ['chrome-linux/chrome', 'chrome-linux64/chrome']) {
      const path = join(cache, dir, rel);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

/** CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a Playwright-managed Chromium; null if none. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', playwrightChromium()];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

export function chromiumArgs({ webgpu = true } = {}) {
  const args = [...QUIET_FLAGS];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (webgpu) args.push(...WEBGPU_FLAGS);
  return args;
}

export async function launchChromium({ webgpu = true, ...rest } = {}) {
  const { chromium } = await import('playwright-core');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found. Run `npm test` once (it installs one) or set CHROMIUM_PATH.');
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs({ webgpu }), ...rest });
}
