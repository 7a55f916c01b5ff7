// Generates the "text" bench's file: `rows` reviews of about 50 words, from a seeded vocabulary of 5,000
// words with a Zipf-like frequency, and a label that a handful of signal words decide (with 10% noise).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function ensureTexts({ path, rows, seed = 42, log = () => {} }) {
  if (existsSync(path)) return path;
  log(`  generating ${rows.toLocaleString('en-US')} texts into ${path}…`);
  let state = seed >>> 0;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'pe', 'da', 'gri', 'fen', 'bar', 'tol', 'mus'];
  const words = Array.from({ length: 5000 }, (_, i) => {
    let w = '';
    for (let k = 0, x = i + 7; k < 2 + (i % 3); k++, x = Math.floor(x / syllables.length) + k * 3) w += syllables[x % syllables.length];
    return w + (i >= 2000 ? String(i % 97) : '');
  });
  const good = ['excellent', 'lovely', 'reliable', 'superb'];
  const bad = ['broken', 'refund', 'awful', 'faulty'];
  const lines = ['text,label'];
  for (let r = 0; r < rows; r++) {
    const n = 40 + Math.floor(rand() * 21);
    const out = [];
    let score = 0;
    for (let k = 0; k < n; k++) {
      const u = rand();
      if (u < 0.02) {
        out.push(good[Math.floor(rand() * 4)]);
        score++;
      } else if (u < 0.04) {
        out.push(bad[Math.floor(rand() * 4)]);
        score--;
      } else out.push(words[Math.min(words.length - 1, Math.floor(Math.pow(rand(), 2.5) * words.length))]);
    }
    let positive = score > 0 || (score === 0 && rand() < 0.5);
    if (rand() < 0.1) positive = !positive;
    lines.push(`${out.join(' ')},${positive ? 'yes' : 'no'}`);
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}
