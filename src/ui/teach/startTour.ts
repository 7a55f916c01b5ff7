import type { Studio } from '../../state/studio.svelte';
import { tour } from '../../state/tour.svelte';

/** The sample the tour runs on when no dataset is open. */
export const TOUR_SAMPLE = 'penguins';

/**
 * Starts the tour from the first step (or resumes a tour left part-way when `resume` is set),
 * opening the penguins sample first when nothing is open, so every stage has something to show.
 */
export function startTour(studio: Studio, resume = false) {
  if (resume && tour.resumable) tour.resume();
  else tour.restart();
  if (!studio.dataset && !studio.load) void studio.openSample(TOUR_SAMPLE);
}
