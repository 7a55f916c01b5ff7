import type { Stage } from './studio.svelte';
import { safeLocalStorage } from './presenter.svelte';

/** One stop of the guided tour: the stage it opens, the control it points at and why that control matters. */
export interface TourStep {
  stage: Stage;
  /**
   * CSS selectors tried in order; the first visible match is highlighted. Later ones are
   * fallbacks for stages whose layout another part of the app owns.
   */
  targets: string[];
  title: string;
  /** One or two sentences: why this control is the one that matters here. */
  body: string;
}

/** The tour over the six stages, on the penguins sample. */
export const TOUR_STEPS: readonly TourStep[] = [
  {
    stage: 'data',
    targets: ['[data-tour="data"]', '[data-testid="dataset-ready"]', 'main h1'],
    title: 'Data: check the types',
    body: 'Every column got a type from its values. A wrong type (a number read as text) changes every statistic after it, so this is the first thing to check.',
  },
  {
    stage: 'explore',
    targets: ['[data-tour="explore"]', '[data-testid="fix-first"]', 'main h1'],
    title: 'Explore: fix these first',
    body: 'The report is already computed. This box names the few problems that would hurt a model most; every figure below has an "i" that explains it.',
  },
  {
    stage: 'prepare',
    targets: ['[data-tour="prepare"]', 'main h1'],
    title: 'Prepare: the recipe',
    body: 'These steps turn columns into numbers a model can use. They are fitted on the training rows only, so the test rows stay unseen.',
  },
  {
    stage: 'train',
    targets: ['[data-tour="train"]', 'main h1'],
    title: 'Train: one click',
    body: 'The defaults train a good model and compare it with a baseline that always guesses the most common answer. Watch the loss curve fall as it learns.',
  },
  {
    stage: 'models',
    targets: ['[data-tour="models"]', 'main h1'],
    title: 'Models: keep what works',
    body: 'Every run is saved here with its recipe, settings and metrics, so you can compare runs and promote the best to champion.',
  },
  {
    stage: 'deploy',
    targets: ['[data-tour="deploy"]', 'main h1'],
    title: 'Deploy: take it with you',
    body: 'Export the model as a bundle that scores rows anywhere JavaScript runs, with a model card that says what it was trained on.',
  },
];

/** Where tour progress is remembered. */
export const TOUR_KEY = 'modelbench.tour';

interface Saved {
  step: number;
  dismissed: boolean;
  completed: boolean;
}

type Store = Pick<Storage, 'getItem' | 'setItem'> | null;

/**
 * The guided tour's progress: which step, whether it is showing, dismissed or completed. Saved
 * to localStorage on every change so a reload resumes where the user left off.
 */
export class Tour {
  readonly steps: readonly TourStep[];
  step = $state(0);
  active = $state(false);
  dismissed = $state(false);
  completed = $state(false);
  readonly #store: Store;

  constructor(steps: readonly TourStep[] = TOUR_STEPS, store: Store = safeLocalStorage()) {
    this.steps = steps;
    this.#store = store;
    const saved = read(store);
    if (saved) {
      this.step = Math.min(Math.max(0, saved.step), steps.length - 1);
      this.dismissed = saved.dismissed;
      this.completed = saved.completed;
    }
  }

  get current(): TourStep {
    return this.steps[this.step];
  }

  get isLast(): boolean {
    return this.step === this.steps.length - 1;
  }

  /** True when a tour was left part-way and can be resumed. */
  get resumable(): boolean {
    return !this.active && !this.completed && this.step > 0;
  }

  /** Starts from the first step (also after completing or dismissing it). */
  restart() {
    this.#set(0, true, false, false);
  }

  /** Continues from the saved step. */
  resume() {
    this.#set(this.step, true, false, false);
  }

  next() {
    if (this.isLast) this.#set(this.step, false, false, true);
    else this.#set(this.step + 1, true, false, false);
  }

  back() {
    this.#set(Math.max(0, this.step - 1), true, false, false);
  }

  /** Hides the tour and keeps the step, so it can be resumed. */
  dismiss() {
    this.#set(this.step, false, true, this.completed);
  }

  #set(step: number, active: boolean, dismissed: boolean, completed: boolean) {
    this.step = step;
    this.active = active;
    this.dismissed = dismissed;
    this.completed = completed;
    this.#store?.setItem(TOUR_KEY, JSON.stringify({ step, dismissed, completed } satisfies Saved));
  }
}

function read(store: Store): Saved | null {
  try {
    const raw = store?.getItem(TOUR_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Saved>;
    return { step: Number(v.step) || 0, dismissed: v.dismissed === true, completed: v.completed === true };
  } catch {
    return null;
  }
}

/** The app's one tour. */
export const tour = new Tour();
