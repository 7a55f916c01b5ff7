// Renders public/favicon.svg to the PNG icons the web app manifest lists (installability needs them).
// Run: node tests/support/make-icons.mjs
import { readFileSync } from 'node:fs';
import { launchChromium } from './browser.mjs';

const svg = readFileSync('public/favicon.svg', 'utf8');
const browser = await launchChromium({ webgpu: false });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: `public/icon-${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
