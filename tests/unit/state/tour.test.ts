import { describe, expect, test } from 'vitest';
import { Tour, TOUR_KEY, TOUR_STEPS } from '../../../src/state/tour.svelte';
import { Presenter, PRESENTER_KEY } from '../../../src/state/presenter.svelte';

/** A Map-backed stand-in for localStorage. */
function memory(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('Tour', () => {
  test('covers the six stages in order, each with a reason of one or two sentences', () => {
    expect(TOUR_STEPS.map((s) => s.stage)).toEqual(['data', 'explore', 'prepare', 'train', 'models', 'deploy']);
    for (const s of TOUR_STEPS) {
      const sentences = s.body.split(/(?<=[.!?])\s+/).filter(Boolean);
      expect(sentences.length, s.title).toBeGreaterThanOrEqual(1);
      expect(sentences.length, s.title).toBeLessThanOrEqual(2);
      expect(s.targets.length).toBeGreaterThan(0);
    }
  });

  test('next, back and finish move through the steps and save progress', () => {
    const store = memory();
    const tour = new Tour(TOUR_STEPS, store);
    tour.restart();
    expect([tour.active, tour.step]).toEqual([true, 0]);
    tour.back();
    expect(tour.step).toBe(0);
    for (let i = 1; i < TOUR_STEPS.length; i++) {
      tour.next();
      expect(tour.step).toBe(i);
    }
    expect(tour.isLast).toBe(true);
    tour.next();
    expect([tour.active, tour.completed, tour.resumable]).toEqual([false, true, false]);
    expect(JSON.parse(store.map.get(TOUR_KEY)!)).toEqual({ step: 5, dismissed: false, completed: true });
  });

  test('a dismissed tour resumes at its step after a reload, and restart begins again', () => {
    const store = memory();
    const first = new Tour(TOUR_STEPS, store);
    first.restart();
    first.next();
    first.next();
    first.dismiss();
    const reloaded = new Tour(TOUR_STEPS, store);
    expect([reloaded.step, reloaded.dismissed, reloaded.active, reloaded.resumable]).toEqual([2, true, false, true]);
    reloaded.resume();
    expect([reloaded.step, reloaded.active, reloaded.dismissed]).toEqual([2, true, false]);
    reloaded.restart();
    expect(reloaded.step).toBe(0);
  });

  test('corrupt or out-of-range saved progress falls back safely', () => {
    expect(new Tour(TOUR_STEPS, memory({ [TOUR_KEY]: '{not json' })).step).toBe(0);
    expect(new Tour(TOUR_STEPS, memory({ [TOUR_KEY]: '{"step":99}' })).step).toBe(TOUR_STEPS.length - 1);
    expect(new Tour(TOUR_STEPS, null).step).toBe(0);
  });
});

describe('Presenter', () => {
  test('toggles, remembers the choice and slows frames only when on', () => {
    const store = memory();
    const p = new Presenter(store);
    expect([p.on, p.frameMs]).toEqual([false, 0]);
    p.toggle();
    expect(p.on).toBe(true);
    expect(p.frameMs).toBeGreaterThan(0);
    expect(store.map.get(PRESENTER_KEY)).toBe('1');
    expect(new Presenter(store).on).toBe(true);
    p.toggle(false);
    expect(new Presenter(store).on).toBe(false);
  });
});
