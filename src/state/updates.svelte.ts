/**
 * Service-worker registration and the update prompt. A new version installs in the background and
 * waits; the user chooses when to reload, so code never changes under a running job.
 */
export class Updates {
  ready = $state(false);
  #waiting: ServiceWorker | null = null;

  async register() {
    if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
    try {
      const registration = await navigator.serviceWorker.register('./sw.js', { scope: './' });
      const watch = (worker: ServiceWorker | null) => {
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) this.#offer(worker);
        });
      };
      if (registration.waiting && navigator.serviceWorker.controller) this.#offer(registration.waiting);
      watch(registration.installing);
      registration.addEventListener('updatefound', () => watch(registration.installing));
    } catch {
      // Without a service worker the studio still works online; offline use is what is lost.
    }
  }

  #offer(worker: ServiceWorker) {
    this.#waiting = worker;
    this.ready = true;
  }

  apply() {
    if (!this.#waiting) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    this.#waiting.postMessage('skip-waiting');
  }
}
