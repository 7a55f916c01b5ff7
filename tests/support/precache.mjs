/**
 * The precache list that vite-plugin-pwa injects into a built `sw.js`: `[{ url, revision }]`, one
 * entry per file. Hashed assets carry `revision: null` (their name changes when their bytes do).
 * @param {string} swSource
 * @returns {{ url: string; revision: string | null }[]}
 */
export function precacheEntries(swSource) {
  const list = /\[\{"revision":.*?"url":"[^"]*"\}\]/s.exec(swSource);
  if (!list) throw new Error('sw.js has no injected precache list ([{"revision":…,"url":…}]): was it built by vite-plugin-pwa?');
  return JSON.parse(list[0]);
}
