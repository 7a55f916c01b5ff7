/**
 * Where the stages report evidence for the open project (a report downloaded, a bundle exported, an
 * experiment analysed) without knowing about projects: one listener, the studio's `ProjectsState`.
 */
import type { ProjectEvent } from '../core/project';

let listener: ((event: ProjectEvent) => void) | null = null;

/** Sets the one listener; returns a function that removes it. */
export function onProjectEvidence(callback: (event: ProjectEvent) => void): () => void {
  listener = callback;
  return () => {
    if (listener === callback) listener = null;
  };
}

/** Reports something that happened; nothing listens when no studio is open (tests of one stage). */
export function recordEvidence(event: ProjectEvent): void {
  listener?.(event);
}
