/** Where presenter mode is remembered between visits. */
export const PRESENTER_KEY = 'modelbench.presenter';

/** The subset of `Storage` presenter mode needs; `null` where storage is unavailable. */
type Store = Pick<Storage, 'getItem' | 'setItem'> | null;

/**
 * Presenter mode: large type, high contrast and slower live animations, for teaching from a
 * projector. It is a class on `document.body` (`presenter`), so every stylesheet can respond.
 */
export class Presenter {
  on = $state(false);
  readonly #store: Store;

  constructor(store: Store = safeLocalStorage()) {
    this.#store = store;
    this.on = store?.getItem(PRESENTER_KEY) === '1';
    this.#apply();
  }

  toggle(force?: boolean) {
    this.on = force ?? !this.on;
    this.#store?.setItem(PRESENTER_KEY, this.on ? '1' : '0');
    this.#apply();
  }

  /** Milliseconds each live-training frame should last at least: slower in presenter mode so a room can follow. */
  get frameMs(): number {
    return this.on ? 150 : 0;
  }

  #apply() {
    if (typeof document === 'undefined') return;
    document.body.classList.toggle('presenter', this.on);
    // rem-based sizes follow the root element, so the root carries the class too.
    document.documentElement.classList.toggle('presenter', this.on);
  }
}

/** localStorage, or `null` where the browser refuses it (private modes, sandboxed frames). */
export function safeLocalStorage(): Store {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The app's one presenter switch, shared by the shortcut, the toolbar button and the live views. */
export const presenter = new Presenter();
